package uz.hisob.command.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import uz.hisob.api.Quantities;
import uz.hisob.api.inventory.Line;

/** A line of a request that moves stock: a product and a quantity of its unit (1 .. 10^12). */
public record LineRequest(@NotBlank @Size(max = 64) String productId,
                          @NotNull @Min(1) @Max(Quantities.MAX_PER_COMMAND) Long quantity) {

    public Line line() {
        return new Line(productId, quantity);
    }
}
