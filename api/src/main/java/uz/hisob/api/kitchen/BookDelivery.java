package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.LocalDate;

/** {@code deliveredOn} null means today in the kitchen's zone, decided by the aggregate. */
public record BookDelivery(String tenant, String kitchenId, String deliveryId, String ingredientId, long grams,
                           LocalDate deliveredOn, String supplier, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
