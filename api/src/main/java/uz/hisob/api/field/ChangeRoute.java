package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A route as it is to be; its future unvisited plans follow. */
public record ChangeRoute(String tenant, String projectId, String routeId, String agentId, String name, java.util.List<Integer> weekdays, java.util.List<String> clientIds, String typeId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.route(tenant, routeId);
    }
}
