package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider did the refund {@code refundId}. */
public record CompleteRefund(String tenant, String orderId, String refundId, String providerRefundId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
