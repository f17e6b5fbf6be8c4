package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** What was received of a transfer was added to the destination's stock. */
@Revision("1")
public record TransferArrived(String toLocationId, String transferId, String fromLocationId, List<StockLine> lines) {
}
