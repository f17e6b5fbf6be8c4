package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.util.List;

/** Takes stock for a document (a sale), all lines or none, from what is available. */
public record TakeStock(String tenant, String locationId, String takeId, String documentKind, String documentId, List<Line> lines) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
