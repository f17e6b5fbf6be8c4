package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A physical count: each counted product's {@code onHand} becomes the counted quantity. */
@Revision("1")
public record StockCounted(String locationId, String countId, Instant countedAt, List<Line> lines) {

    /** One counted product; {@code difference = counted − ledger} (negative when goods went missing). */
    public record Line(String productId, long ledger, long counted, long difference) {
    }
}
