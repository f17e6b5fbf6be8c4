package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.Instant;

/** Serves portions of a meal, deducting its current recipe from stock, all or nothing; {@code servedAt} null means now. */
public record ServeMeal(String tenant, String kitchenId, String servingId, String mealId, int portions, Instant servedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
