package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Goods left the source location for another one and are in transit: taken from the source at once, all lines. */
@Revision("1")
public record TransferDispatched(String fromLocationId, String transferId, String toLocationId, List<StockLine> lines) {
}
