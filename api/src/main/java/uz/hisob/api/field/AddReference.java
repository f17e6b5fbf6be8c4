package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds an entry to one of a project's dictionaries. */
public record AddReference(String tenant, String projectId, String kind, String referenceId, String name, Integer order) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.project(tenant, projectId);
    }
}
