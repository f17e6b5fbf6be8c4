package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent leaves its visit in progress. */
public record CheckOutVisit(String tenant, String agentId, String visitId, DeviceFix fix, String outcomeId, String note, java.time.Instant receivedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
