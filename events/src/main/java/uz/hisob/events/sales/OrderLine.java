package uz.hisob.events.sales;

import java.math.BigDecimal;

/**
 * One line of an order as the server priced it, money at the currency's scale: {@code subtotal = unitPrice ×
 * quantity}, less {@code discount}, is what the line costs; {@code tax} is the part of it (tax-included lists) or the
 * amount on top of it (tax-excluded) at {@code taxRatePct}; {@code total} is what the customer pays for the line.
 */
public record OrderLine(String productId, long quantity, BigDecimal unitPrice, BigDecimal subtotal, BigDecimal discount,
                        BigDecimal taxRatePct, BigDecimal tax, BigDecimal total) {
}
