package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A planned visit's day ended in the project's zone without a check-in. */
public record MarkVisitMissed(String tenant, String agentId, String visitId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
