package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.util.List;

/** Adds what was received of a transfer to the destination's stock (once per transfer). */
public record BookTransferArrival(String tenant, String locationId, String transferId, String fromLocationId, List<Line> lines) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
