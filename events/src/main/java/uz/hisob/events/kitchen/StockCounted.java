package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A physical count at {@code countedAt}: for each counted ingredient the ledger balance at that instant becomes the
 * counted figure. The count closes the period up to {@code countedAt}: nothing may be booked at or before it.
 */
@Revision("1")
public record StockCounted(String kitchenId, String countId, Instant countedAt, List<Line> lines) {

    /** One counted ingredient; {@code differenceGrams = countedGrams - ledgerGrams} (negative when stock went missing). */
    public record Line(String ingredientId, long ledgerGrams, long countedGrams, long differenceGrams) {
    }
}
