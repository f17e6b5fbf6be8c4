package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A meal's recipe was replaced by a new version; servings from now on use it. */
@Revision("1")
public record RecipeRevised(String kitchenId, String mealId, int recipeVersion, List<RecipeLine> recipe) {
}
