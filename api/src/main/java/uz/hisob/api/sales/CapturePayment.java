package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** The provider reports the order's payment {@code paymentId} captured ({@code reportedBy}: webhook or return). */
public record CapturePayment(String tenant, String orderId, String paymentId, BigDecimal amount, String currency,
                             String reportedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
