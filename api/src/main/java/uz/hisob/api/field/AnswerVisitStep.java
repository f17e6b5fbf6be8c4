package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answers a checklist step of the agent's visit in progress. */
public record AnswerVisitStep(String tenant, String agentId, String visitId, String stepId, StepValue value, java.util.List<String> imageIds) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
