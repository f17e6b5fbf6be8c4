package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a planned or missed visit, with a reason. */
public record CancelVisit(String tenant, String agentId, String visitId, String reasonId, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
