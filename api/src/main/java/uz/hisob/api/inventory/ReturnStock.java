package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.util.List;

/** Books goods that came back for a document (a return). */
public record ReturnStock(String tenant, String locationId, String returnId, String documentKind, String documentId, List<Line> lines) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
