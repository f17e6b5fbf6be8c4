package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/**
 * The order is cancelled ({@code reason}, e.g. {@code PAID_AFTER_EXPIRY} when a late payment found its stock gone):
 * the reservations {@code released} go back to the stock and {@code refund} of what was paid goes back to the payer.
 */
@Revision("1")
public record OrderCancelled(String orderId, String reason, List<Allocation> released, BigDecimal refund) {
}
