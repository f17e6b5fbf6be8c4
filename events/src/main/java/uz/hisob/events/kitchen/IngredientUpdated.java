package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

/** An ingredient's name or minimum stock changed. */
@Revision("1")
public record IngredientUpdated(String kitchenId, String ingredientId, String name, long minStockGrams) {
}
