package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An uploaded image taken in the visit in progress. */
public record AttachVisitImage(String tenant, String agentId, String visitId, String imageId, String stepId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
