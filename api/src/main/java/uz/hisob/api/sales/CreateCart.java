package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a cart for {@code customerId}. */
public record CreateCart(String tenant, String cartId, String customerId, String priceListId, String locationId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.cartAggregateId(tenant, cartId);
    }
}
