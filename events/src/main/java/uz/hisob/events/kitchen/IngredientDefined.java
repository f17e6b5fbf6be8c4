package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

/** An ingredient the kitchen keeps, counted in whole grams; stock below {@code minStockGrams} raises an alert. */
@Revision("1")
public record IngredientDefined(String kitchenId, String ingredientId, String name, long minStockGrams) {
}
