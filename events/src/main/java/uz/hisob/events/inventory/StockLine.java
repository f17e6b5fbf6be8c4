package uz.hisob.events.inventory;

/** A quantity of one product, in the product's unit (pieces, grams or millilitres). */
public record StockLine(String productId, long quantity) {
}
