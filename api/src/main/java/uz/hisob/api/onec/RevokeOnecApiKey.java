package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a key of the project's {@code notify}. */
public record RevokeOnecApiKey(String tenant, String projectId, String keyId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.link(tenant, projectId);
    }
}
