package uz.hisob.command.kitchen;

import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import uz.hisob.events.kitchen.RecipeLine;

/** One recipe line as clients send it. A portion of more than a tonne of anything is a typo, not a recipe. */
public record RecipeRequest(@NotBlank @Size(max = 64) String ingredientId, @NotNull @Min(1) @Max(1_000_000_000) Long gramsPerPortion) {

    public RecipeLine line() {
        return new RecipeLine(ingredientId, gramsPerPortion);
    }
}
