package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Reserved stock left the location (the order was shipped): {@code onHand} and {@code reserved} fall by each line. */
@Revision("1")
public record ReservationFulfilled(String locationId, String reservationId, List<StockLine> lines) {
}
