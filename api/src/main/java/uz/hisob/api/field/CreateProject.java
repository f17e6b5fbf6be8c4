package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets up a field-sales project. */
public record CreateProject(String tenant, String projectId, uz.hisob.events.field.ProjectSettings settings) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.project(tenant, projectId);
    }
}
