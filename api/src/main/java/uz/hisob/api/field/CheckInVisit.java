package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent checks in at a planned (or missed) visit. */
public record CheckInVisit(String tenant, String agentId, String visitId, DeviceFix fix, java.time.Instant receivedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
