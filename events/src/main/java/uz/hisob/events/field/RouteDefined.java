package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A route: an agent visits these clients, in this order, on these ISO weekdays (1 = Monday); the service plans its
 * visits two weeks ahead.
 */
@Revision("1")
public record RouteDefined(String tenant, String routeId, String projectId, String agentId, String name, List<Integer> weekdays,
                           List<String> clientIds, String typeId) {
}
