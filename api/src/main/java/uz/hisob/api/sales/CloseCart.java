package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The cart became an order. */
public record CloseCart(String tenant, String cartId, String orderId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.cartAggregateId(tenant, cartId);
    }
}
