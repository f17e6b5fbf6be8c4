package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

/** Opens a warehouse or a shop ({@code kind} {@code WAREHOUSE} or {@code SHOP}); {@code timezone} an IANA zone. */
public record OpenLocation(String tenant, String locationId, String name, String kind, String address, String timezone) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
