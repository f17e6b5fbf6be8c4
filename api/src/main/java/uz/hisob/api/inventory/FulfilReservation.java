package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

/** Takes a reservation's remaining stock out of the location (the order is shipped). */
public record FulfilReservation(String tenant, String locationId, String reservationId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
