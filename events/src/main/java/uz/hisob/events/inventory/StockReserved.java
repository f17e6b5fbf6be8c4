package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Stock set aside for a document (an order): {@code available} falls by each line, {@code onHand} stays. */
@Revision("1")
public record StockReserved(String locationId, String reservationId, String documentKind, String documentId, List<StockLine> lines) {
}
