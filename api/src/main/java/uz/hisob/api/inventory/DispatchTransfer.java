package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.util.List;

/** Sends goods to another location: taken from this one at once, all lines or none. */
public record DispatchTransfer(String tenant, String locationId, String transferId, String toLocationId, List<Line> lines) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
