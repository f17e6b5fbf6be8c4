package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames, reorders or (de)activates a dictionary entry. */
public record ChangeReference(String tenant, String projectId, String kind, String referenceId, String name, int order, boolean active) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.project(tenant, projectId);
    }
}
