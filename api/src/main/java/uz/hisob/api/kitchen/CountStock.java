package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.Instant;
import java.util.List;

/** States the physical stock at {@code countedAt} (null: now) and closes the period up to it. */
public record CountStock(String tenant, String kitchenId, String countId, Instant countedAt, List<Count> counts) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }

    /** The grams found of one ingredient. */
    public record Count(String ingredientId, long grams) {
    }
}
