package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a client (outlet) in a project; its 1C code unique there. */
public record RegisterClient(String tenant, String projectId, String clientId, uz.hisob.events.field.ClientDetails details) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.client(tenant, clientId);
    }
}
