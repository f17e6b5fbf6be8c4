package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order taken, its stock reserved ({@code allocations}) and priced by the server. {@code status} is
 * {@code PENDING_PAYMENT} (until {@code reservedUntil}) or, for cash on delivery and invoices, {@code CONFIRMED}.
 * {@code number} is the tenant's next order number, without gaps.
 */
@Revision("1")
public record OrderPlaced(String tenant, String orderId, long number, String channel, String customerId, String clientId,
                          String visitId, String priceListId, String currency, boolean taxIncluded, List<OrderLine> lines,
                          BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal total,
                          List<Allocation> allocations, String paymentMethod, PaymentRef payment, String status,
                          Instant reservedUntil, Shipping shipping, String note) {
}
