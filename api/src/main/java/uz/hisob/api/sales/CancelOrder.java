package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels an order that is not fulfilled yet. {@code customerId}: the customer asking for its own order (null when
 * staff or the system cancel).
 */
public record CancelOrder(String tenant, String orderId, String reason, String customerId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
