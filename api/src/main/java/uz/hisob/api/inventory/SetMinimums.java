package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.util.List;

/** Sets minimum quantities of products at the location (0 removes one). */
public record SetMinimums(String tenant, String locationId, List<Line> items) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
