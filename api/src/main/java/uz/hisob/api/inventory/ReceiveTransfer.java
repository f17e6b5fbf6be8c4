package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.util.List;

/** Confirms what arrived of a transfer this location dispatched; what did not is the transfer's loss. */
public record ReceiveTransfer(String tenant, String locationId, String transferId, List<Line> lines) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
