package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

public record DefineIngredient(String tenant, String kitchenId, String ingredientId, String name, long minStockGrams) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
