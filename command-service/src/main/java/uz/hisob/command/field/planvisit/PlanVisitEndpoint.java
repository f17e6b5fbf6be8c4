package uz.hisob.command.field.planvisit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.PlanVisits;
import uz.hisob.api.field.VisitPlan;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Planning visits (ADMIN, MANAGER): {@code POST /api/projects/{p}/visits} one visit, {@code POST …/visits/bulk}
 * 1..500 at once, all or none (a bad item is a 400 naming it by index: {@code visits[3].clientId}).
 */
@RestController
public class PlanVisitEndpoint {

    /** One visit to plan; {@code plannedFor} is a day in the project's zone. */
    public record Request(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @NotBlank @Size(max = 64) String clientId,
                          @NotBlank @Size(max = 64) String agentId,
                          @NotNull LocalDate plannedFor,
                          LocalTime plannedTime,
                          @Size(max = 64) String typeId,
                          @Size(max = 64) String priorityId,
                          @Size(max = 4000) String note) {

        VisitPlan plan(String id) {
            return new VisitPlan(id, clientId, agentId, plannedFor, plannedTime, typeId, priorityId, note, null);
        }
    }

    /** Many visits to plan. */
    public record Bulk(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Request> visits) {
    }

    private final CommandDispatcher commands;

    public PlanVisitEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/projects/{projectId}/visits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> plan(@PathVariable String projectId, @Valid @RequestBody Request body, Caller caller,
                                             ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new PlanVisits(caller.tenant(), projectId, List.of(body.plan(id)), false), id,
                "/api/visits/" + id);
    }

    @PostMapping(path = "/api/projects/{projectId}/visits/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> bulk(@PathVariable String projectId, @Valid @RequestBody Bulk body, Caller caller,
                                             ServerWebExchange exchange) {
        List<VisitPlan> plans = body.visits().stream().map(v -> v.plan(Ids.orNew(v.id()))).toList();
        return commands.create(exchange, caller, body, new PlanVisits(caller.tenant(), projectId, plans, true), null, null);
    }
}
