package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A reservation's remaining lines went back to {@code available} (the order was cancelled or expired). */
@Revision("1")
public record ReservationReleased(String locationId, String reservationId, List<StockLine> lines, String reason) {
}
