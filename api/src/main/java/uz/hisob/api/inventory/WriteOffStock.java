package uz.hisob.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.time.LocalDate;
import java.util.List;

/** Writes stock off, all lines or none; {@code writtenOffOn} null means today. */
public record WriteOffStock(String tenant, String locationId, String writeOffId, List<Line> lines, String reason, LocalDate writtenOffOn) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, StockLocations.KIND, locationId);
    }
}
