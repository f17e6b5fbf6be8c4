package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

/** The provider refunded {@code refundId} (its own id of it: {@code providerRefundId}). */
@Revision("1")
public record RefundCompleted(String orderId, String refundId, String providerRefundId) {
}
