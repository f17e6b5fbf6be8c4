package uz.hisob.command.inventory;

import uz.hisob.api.inventory.Line;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where each transfer goes, and how far its receipt got: a transfer is addressed by its id alone, unique in the
 * tenant, and its receipt must find the location that dispatched it; a receipt whose arrival was not booked is found
 * here to be booked. Written in the transactions of the transfer's commands; command handlers receive it as a
 * parameter.
 */
public interface TransferRoutes {

    /** A transfer's source and destination. */
    record Route(String fromLocationId, String toLocationId) {
    }

    /** A receipt whose arrival at the destination is not booked yet. */
    record PendingArrival(String tenant, String transferId, String fromLocationId, String toLocationId, String receivedBy,
                          List<Line> arrived) {
    }

    /** True if {@code transferId} was free in the tenant and now routes from one location to the other. */
    boolean open(String tenant, String transferId, String fromLocationId, String toLocationId);

    Optional<Route> find(String tenant, String transferId);

    /** The source confirmed what {@code arrived}: the destination is to book it. */
    void received(String tenant, String transferId, String receivedBy, List<Line> arrived);

    /** The destination booked the arrival. */
    void arrived(String tenant, String transferId);

    /** Receipts confirmed before {@code receivedBefore} whose arrival is not booked, oldest first, at most {@code limit}. */
    List<PendingArrival> pendingArrivals(Instant receivedBefore, int limit);
}
