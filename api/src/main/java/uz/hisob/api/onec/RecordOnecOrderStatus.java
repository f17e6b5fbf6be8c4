package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** 1C's status of an order it has (from {@code GetOrderStatuses}). */
public record RecordOnecOrderStatus(String tenant, String orderId, String number, String status, Instant changedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.order(tenant, orderId);
    }
}
