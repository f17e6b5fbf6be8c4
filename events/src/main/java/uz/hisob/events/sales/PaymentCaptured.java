package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * The provider took the money of the order's payment, as its webhook or the client's return reported it (the first
 * of them; the other changes nothing). {@code confirmed}: the order was waiting for it and is now {@code CONFIRMED};
 * otherwise it was {@code orderStatus} ({@code EXPIRED}: the process reserves again or cancels and refunds;
 * {@code CANCELLED}: it is refunded).
 */
@Revision("1")
public record PaymentCaptured(String orderId, String provider, String paymentId, BigDecimal amount, String currency,
                              boolean confirmed, String reportedBy, String orderStatus) {
}
