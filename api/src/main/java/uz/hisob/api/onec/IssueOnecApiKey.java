package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a key for 1C's {@code notify}; only its hash is kept ({@code key} itself is shown once, by the endpoint). */
public record IssueOnecApiKey(String tenant, String projectId, String keyId, String keyHash, String prefix) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.link(tenant, projectId);
    }
}
