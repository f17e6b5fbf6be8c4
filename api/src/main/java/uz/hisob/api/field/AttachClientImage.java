package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Shows an uploaded image with a client. */
public record AttachClientImage(String tenant, String projectId, String clientId, String imageId, String kind) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.client(tenant, clientId);
    }
}
