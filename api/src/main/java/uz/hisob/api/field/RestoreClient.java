package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Restores an archived client. */
public record RestoreClient(String tenant, String projectId, String clientId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.client(tenant, clientId);
    }
}
