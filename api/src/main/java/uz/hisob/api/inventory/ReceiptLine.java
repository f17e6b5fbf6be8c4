package uz.hisob.api.inventory;

import java.math.BigDecimal;

/** One line of a receipt; {@code unitCost} (in {@code currency}) may be null. */
public record ReceiptLine(String productId, long quantity, BigDecimal unitCost, String currency) {
}
