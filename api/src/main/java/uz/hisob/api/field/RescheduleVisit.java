package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves a planned or missed visit to another day. */
public record RescheduleVisit(String tenant, String agentId, String visitId, java.time.LocalDate plannedFor, java.time.LocalTime plannedTime) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
