package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.catalog.ProductDetails;

/** Replaces a product's details; its unit stays. */
public record UpdateProduct(String tenant, String productId, ProductDetails details) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
