package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.LocalDate;

/** Removes grams from stock for a reason; {@code writtenOffOn} null means today in the kitchen's zone. */
public record WriteOffStock(String tenant, String kitchenId, String writeOffId, String ingredientId, long grams, String reason, LocalDate writtenOffOn) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
