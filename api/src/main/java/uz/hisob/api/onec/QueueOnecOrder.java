package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends a field order of a linked project to 1C (once: queued again, nothing happens). */
public record QueueOnecOrder(String tenant, String orderId, String projectId, OnecOrderDraft draft) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.order(tenant, orderId);
    }
}
