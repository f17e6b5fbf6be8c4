package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a checklist step (version 1). */
public record DefineVisitStep(String tenant, String projectId, String stepId, VisitStepSpec spec) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.project(tenant, projectId);
    }
}
