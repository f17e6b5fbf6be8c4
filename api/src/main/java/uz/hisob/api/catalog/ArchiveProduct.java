package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Archives a product (soft delete): hidden, not sold, its history kept. */
public record ArchiveProduct(String tenant, String productId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
