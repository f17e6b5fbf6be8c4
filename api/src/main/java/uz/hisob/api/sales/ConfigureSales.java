package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.util.List;

/** Replaces the tenant's order settings. */
public record ConfigureSales(String tenant, Duration reservationTtl, List<String> warehousePriority) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.settingsId(tenant);
    }
}
