package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Stock left the location for a document that is not a reservation (a sale at the till, for one): every line, or the
 * command was refused. {@code documentKind} names the kind of document ({@code SALE}, …), {@code documentId} its id.
 */
@Revision("1")
public record StockTaken(String locationId, String takeId, String documentKind, String documentId, List<StockLine> lines) {
}
