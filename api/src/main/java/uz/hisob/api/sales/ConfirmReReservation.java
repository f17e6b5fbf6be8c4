package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.sales.Allocation;

import java.util.List;

/** A late payment's order found its stock again ({@code allocations}, reserved anew): it is confirmed. */
public record ConfirmReReservation(String tenant, String orderId, List<Allocation> allocations) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.aggregateId(tenant, orderId);
    }
}
