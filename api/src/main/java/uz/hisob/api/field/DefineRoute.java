package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines a route of an agent through clients on weekdays. */
public record DefineRoute(String tenant, String projectId, String routeId, String agentId, String name, java.util.List<Integer> weekdays, java.util.List<String> clientIds, String typeId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.route(tenant, routeId);
    }
}
