package uz.hisob.command.field;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.ChangeRoute;
import uz.hisob.api.field.DefineRoute;
import uz.hisob.api.field.FieldIds;
import uz.hisob.events.field.RouteChanged;
import uz.hisob.events.field.RouteDefined;

import java.util.HashSet;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A route of an agent through clients on weekdays. It decides what a route may be (an agent and clients of its
 * project, weekdays 1..7); {@code RoutePlanner} turns it into visits, each once.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Route {

    static final int MAX_CLIENTS = 500;

    @AggregateIdentifier
    private String id;
    private String routeId;
    private String projectId;
    private Plan plan;

    /** What the route plans. */
    public record Plan(String projectId, String agentId, List<Integer> weekdays, List<String> clientIds, String typeId) {
    }

    /** For Axon, and for Jackson reading a snapshot (the command handlers' constructors are not creators). */
    @com.fasterxml.jackson.annotation.JsonCreator
    protected Route() {
        // for Axon
    }

    @CommandHandler
    public Route(DefineRoute cmd, FieldDirectory directory) {
        validate(cmd.tenant(), cmd.projectId(), cmd.agentId(), cmd.weekdays(), cmd.clientIds(), cmd.typeId(), directory, true);
        apply(new RouteDefined(cmd.tenant(), cmd.routeId(), cmd.projectId(), cmd.agentId(), cmd.name(), List.copyOf(cmd.weekdays()),
                List.copyOf(cmd.clientIds()), cmd.typeId()));
    }

    @CommandHandler
    public void handle(ChangeRoute cmd, FieldDirectory directory) {
        if (!projectId.equals(cmd.projectId())) {
            throw CommandRefused.notFound("Route not found");
        }
        validate(cmd.tenant(), cmd.projectId(), cmd.agentId(), cmd.weekdays(), cmd.clientIds(), cmd.typeId(), directory, false);
        apply(new RouteChanged(routeId, projectId, cmd.agentId(), cmd.name(), List.copyOf(cmd.weekdays()), List.copyOf(cmd.clientIds()),
                cmd.typeId()));
    }

    private static void validate(String tenant, String projectId, String agentId, List<Integer> weekdays, List<String> clientIds,
                                 String typeId, FieldDirectory directory, boolean creating) {
        Project.Rules rules = directory.project(tenant, projectId).orElseThrow(() -> CommandRefused.notFound("Project not found"));
        if (directory.agentActive(tenant, projectId, agentId).isEmpty()) {
            throw CommandRefused.invalid("agentId", "is not an agent of the project");
        }
        if (weekdays.isEmpty() || weekdays.stream().anyMatch(d -> d == null || d < 1 || d > 7) || new HashSet<>(weekdays).size() != weekdays.size()) {
            throw CommandRefused.invalid("weekdays", "must be distinct ISO weekdays 1 (Monday) to 7 (Sunday)");
        }
        if (clientIds.isEmpty() || clientIds.size() > MAX_CLIENTS || new HashSet<>(clientIds).size() != clientIds.size()) {
            throw CommandRefused.invalid("clientIds", "must be 1 to " + MAX_CLIENTS + " distinct clients");
        }
        for (int i = 0; i < clientIds.size(); i++) {
            String clientId = clientIds.get(i);
            if (directory.client(tenant, clientId).filter(c -> c.projectId().equals(projectId)).isEmpty()) {
                throw CommandRefused.invalid("clientIds[" + i + "]", clientId + " is not a client of the project");
            }
        }
        String refusal = rules.refusal("visit-types", typeId);
        if (refusal != null) {
            throw CommandRefused.invalid("typeId", refusal);
        }
    }

    /** What the route plans now. */
    public Plan plan() {
        return plan;
    }

    @EventSourcingHandler
    void on(RouteDefined e) {
        id = FieldIds.route(e.tenant(), e.routeId());
        routeId = e.routeId();
        projectId = e.projectId();
        plan = new Plan(e.projectId(), e.agentId(), e.weekdays(), e.clientIds(), e.typeId());
    }

    @EventSourcingHandler
    void on(RouteChanged e) {
        plan = new Plan(e.projectId(), e.agentId(), e.weekdays(), e.clientIds(), e.typeId());
    }
}
