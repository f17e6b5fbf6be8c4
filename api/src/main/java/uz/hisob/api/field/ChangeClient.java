package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A client as it is to be. */
public record ChangeClient(String tenant, String projectId, String clientId, uz.hisob.events.field.ClientDetails details) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.client(tenant, clientId);
    }
}
