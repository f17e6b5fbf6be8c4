package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Portions of a meal were served at {@code servedAt}, deducting {@code deducted} (portions × grams per portion). */
@Revision("1")
public record MealServed(String kitchenId, String servingId, String mealId, int portions, Instant servedAt,
                         int recipeVersion, List<Deduction> deducted) {

    /** Grams of one ingredient taken from stock. */
    public record Deduction(String ingredientId, long grams) {
    }
}
