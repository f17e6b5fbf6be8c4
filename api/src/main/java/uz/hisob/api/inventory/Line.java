package uz.hisob.api.inventory;

/** A quantity of one product in a command, in the product's unit. */
public record Line(String productId, long quantity) {
}
