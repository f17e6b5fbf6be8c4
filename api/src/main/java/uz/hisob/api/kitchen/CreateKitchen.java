package uz.hisob.api.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.api.TenantScoped;

import java.math.BigDecimal;

public record CreateKitchen(String tenant, String kitchenId, String name, String timezone,
                            BigDecimal warningThresholdPct, BigDecimal misuseThresholdPct) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TenantScoped.aggregateId(tenant, kitchenId);
    }
}
