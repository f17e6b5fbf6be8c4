package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * Money of the order's payment to go back to its payer: {@code PENDING} until the provider has it done
 * ({@link RefundCompleted}); the order process asks the provider, with the refund's id as the idempotency key, until
 * it is.
 */
@Revision("1")
public record RefundRequested(String orderId, String refundId, String provider, String paymentId, BigDecimal amount,
                              String currency, String reason) {
}
