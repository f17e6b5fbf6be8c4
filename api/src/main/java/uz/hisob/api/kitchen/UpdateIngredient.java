package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

/** Renames an ingredient or changes its minimum stock. */
public record UpdateIngredient(String tenant, String kitchenId, String ingredientId, String name, long minStockGrams) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
