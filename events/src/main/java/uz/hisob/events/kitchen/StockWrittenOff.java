package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Grams removed from stock for a stated reason (spoiled, spilled, expired) on a business date. */
@Revision("1")
public record StockWrittenOff(String kitchenId, String writeOffId, String ingredientId, long grams, String reason,
                              LocalDate writtenOffOn) {
}
