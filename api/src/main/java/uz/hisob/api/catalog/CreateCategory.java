package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a category, at the top or under {@code parentId}. */
public record CreateCategory(String tenant, String categoryId, String name, String parentId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
