package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent checks in at a client without a plan: a visit flagged UNPLANNED. */
public record CheckInUnplanned(String tenant, String projectId, String agentId, String visitId, String clientId, String typeId, DeviceFix fix, java.time.Instant receivedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
