package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A meal joined the menu with the first version (1) of its recipe. */
@Revision("1")
public record MealAdded(String kitchenId, String mealId, String name, int recipeVersion, List<RecipeLine> recipe) {
}
