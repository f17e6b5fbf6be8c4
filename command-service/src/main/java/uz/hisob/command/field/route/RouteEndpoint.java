package uz.hisob.command.field.route;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.ChangeRoute;
import uz.hisob.api.field.DefineRoute;
import uz.hisob.api.field.PlanRoute;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.util.List;

/**
 * A project's routes (ADMIN, MANAGER): {@code POST /api/projects/{p}/routes} → 201 with what was planned
 * ({@code planned}, {@code plannedThrough}); {@code PUT …/{r}} changes the route and its future unvisited plans only
 * ({@code cancelled} those it no longer has). Each request is two commands: the route, then its planning, whose
 * answer it shows.
 */
@RestController
public class RouteEndpoint {

    /** A route as it is to be; {@code id} only on creation. */
    public record Request(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @NotBlank @Size(max = 64) String agentId,
                          @NotBlank @Size(max = 200) String name,
                          @NotNull @Size(min = 1, max = 7) List<@NotNull Integer> weekdays,
                          @NotNull @Size(min = 1, max = 500) List<@NotBlank @Size(max = 64) String> clientIds,
                          @Size(max = 64) String typeId) {
    }

    private final CommandDispatcher commands;
    private final CommandSender sender;

    public RouteEndpoint(CommandDispatcher commands, CommandSender sender) {
        this.commands = commands;
        this.sender = sender;
    }

    @PostMapping(path = "/api/projects/{projectId}/routes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> define(@PathVariable String projectId, @Valid @RequestBody Request body, Caller caller,
                                               ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.createSteps(exchange, caller, body, id, "/api/projects/" + projectId + "/routes/" + id, (actor, answering) -> {
            sender.send(actor, new DefineRoute(caller.tenant(), projectId, id, body.agentId(), body.name(), body.weekdays(),
                    body.clientIds(), body.typeId()));
            sender.send(actor, new PlanRoute(caller.tenant(), id), answering.showing(null));
        });
    }

    @PutMapping(path = "/api/projects/{projectId}/routes/{routeId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> change(@PathVariable String projectId, @PathVariable String routeId, @Valid @RequestBody Request body,
                                               Caller caller, ServerWebExchange exchange) {
        return commands.steps(exchange, caller, body, (actor, answering) -> {
            sender.send(actor, new ChangeRoute(caller.tenant(), projectId, routeId, body.agentId(), body.name(), body.weekdays(),
                    body.clientIds(), body.typeId()));
            sender.send(actor, new PlanRoute(caller.tenant(), routeId), answering.showing(null));
        });
    }
}
