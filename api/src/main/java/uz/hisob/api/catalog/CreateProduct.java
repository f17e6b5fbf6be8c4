package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.catalog.ProductDetails;

/** Creates a product; SKU and each barcode unique in the tenant. */
public record CreateProduct(String tenant, String productId, ProductDetails details) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
