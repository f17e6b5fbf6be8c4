package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a new version of a checklist step. */
public record ReviseVisitStep(String tenant, String projectId, String stepId, VisitStepSpec spec) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.project(tenant, projectId);
    }
}
