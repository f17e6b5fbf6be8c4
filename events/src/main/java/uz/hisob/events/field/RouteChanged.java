package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A route as it is now: its future visits not yet made follow it. */
@Revision("1")
public record RouteChanged(String routeId, String projectId, String agentId, String name, List<Integer> weekdays,
                           List<String> clientIds, String typeId) {
}
