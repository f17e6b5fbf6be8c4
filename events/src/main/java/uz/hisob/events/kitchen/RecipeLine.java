package uz.hisob.events.kitchen;

/** One ingredient of a recipe: whole grams per portion. */
public record RecipeLine(String ingredientId, long gramsPerPortion) {
}
