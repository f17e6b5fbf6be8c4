package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.Instant;
import java.util.List;

/** Books a physical count; {@code countedAt} null means now. */
public record CountStock(String tenant, String locationId, String countId, Instant countedAt, List<Line> lines) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
