package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Archives a client (soft delete). */
public record ArchiveClient(String tenant, String projectId, String clientId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.client(tenant, clientId);
    }
}
