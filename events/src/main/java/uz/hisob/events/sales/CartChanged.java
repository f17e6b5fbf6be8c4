package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A cart's line set ({@code quantity} 0 removed it), and the cart as the server priced it then ({@code pricedAt}):
 * its lines and totals, empty when it holds nothing. Carts hold no stock; the order prices again.
 */
@Revision("1")
public record CartChanged(String cartId, String productId, long quantity, List<OrderLine> lines, String currency,
                          BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal total, Instant pricedAt) {
}
