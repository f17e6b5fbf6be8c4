package uz.hisob.command.sales;

import java.time.Duration;
import java.util.List;

/**
 * The reservations of orders being placed, kept outside the event store until their order exists: so that a node
 * that stops between reserving and recording the order leaves nothing reserved for good (docs/commerce.md, "Failure
 * handling"). Command handlers receive it as a parameter.
 */
public interface OrderPlacements {

    /** A reservation about to be made at {@code locationId} for the order: noted, and committed, before it is made. */
    void reserving(String tenant, String orderId, String locationId, String reservationId);

    /**
     * The order is being recorded: its placement ends in the order's transaction. False when the sweep took the
     * placement first (the reservations are being released): the order must not be recorded.
     */
    boolean placed(String tenant, String orderId);

    /** The placement failed and its reservations were released. */
    void abandoned(String tenant, String orderId);

    /** A placement older than the grace, taken (and so ended) by one sweep: what it had reserved. */
    record Orphan(String tenant, String orderId, List<Reservation> reservations) {
    }

    record Reservation(String locationId, String reservationId) {
    }

    /** Takes at most {@code limit} placements older than {@code grace}, each by one caller only. */
    List<Orphan> takeOverdue(Duration grace, int limit);
}
