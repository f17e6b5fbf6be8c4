package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import uz.hisob.events.kitchen.RecipeLine;

import java.util.List;

/** Replaces a meal's recipe with a new version. */
public record ReviseRecipe(String tenant, String kitchenId, String mealId, List<RecipeLine> recipe) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
