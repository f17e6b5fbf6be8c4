package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import uz.hisob.events.kitchen.RecipeLine;

import java.util.List;

/** Adds a meal with the first version of its recipe. */
public record AddMeal(String tenant, String kitchenId, String mealId, String name, List<RecipeLine> recipe) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
