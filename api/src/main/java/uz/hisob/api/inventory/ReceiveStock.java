package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.LocalDate;
import java.util.List;

/** Books goods received from a supplier; {@code receivedOn} null means today in the location's zone. */
public record ReceiveStock(String tenant, String locationId, String receiptId, List<ReceiptLine> lines, String supplier, LocalDate receivedOn, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
