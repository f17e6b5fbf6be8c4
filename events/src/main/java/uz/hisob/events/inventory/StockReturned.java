package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Goods came back to the location for a document (a return at the till, for one). */
@Revision("1")
public record StockReturned(String locationId, String returnId, String documentKind, String documentId, List<StockLine> lines) {
}
