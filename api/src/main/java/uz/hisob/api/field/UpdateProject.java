package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a project's settings. */
public record UpdateProject(String tenant, String projectId, uz.hisob.events.field.ProjectSettings settings) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.project(tenant, projectId);
    }
}
