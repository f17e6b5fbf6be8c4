package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

/** A meal left the menu. It is never erased: its servings and recipes stay in the ledger. */
@Revision("1")
public record MealRetired(String kitchenId, String mealId) {
}
