package uz.hisob.api.sales;

import uz.hisob.events.sales.OrderLine;

import java.math.BigDecimal;
import java.util.List;

/**
 * Lines and totals as the pricing computed them, at the currency's scale: {@code subtotal} is the sum of the lines'
 * subtotals, {@code discountTotal} of their discounts, {@code taxTotal} of their taxes and {@code total} of their
 * totals, exactly.
 */
public record PricedOrder(String priceListId, String currency, boolean taxIncluded, List<OrderLine> lines,
                          BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal total) {
}
