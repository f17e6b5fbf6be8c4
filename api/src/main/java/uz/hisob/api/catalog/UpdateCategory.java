package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames or moves a category; never under itself or its own subcategories. */
public record UpdateCategory(String tenant, String categoryId, String name, String parentId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
