package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Shows an uploaded image with a product. */
public record AttachProductImage(String tenant, String productId, String imageId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
