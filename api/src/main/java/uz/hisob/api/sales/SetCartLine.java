package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a cart's quantity of a product (0 removes it). {@code customerId}: the customer acting on its own cart, else null. */
public record SetCartLine(String tenant, String cartId, String productId, long quantity, String customerId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.cartAggregateId(tenant, cartId);
    }
}
