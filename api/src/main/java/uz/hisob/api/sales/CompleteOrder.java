package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A fulfilled order arrived. */
public record CompleteOrder(String tenant, String orderId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
