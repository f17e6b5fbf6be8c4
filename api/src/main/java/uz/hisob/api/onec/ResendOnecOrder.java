package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends a refused order to 1C again (409 {@code NOT_FAILED} unless it is {@code FAILED}). */
public record ResendOnecOrder(String tenant, String orderId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.order(tenant, orderId);
    }
}
