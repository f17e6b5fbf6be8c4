package uz.hisob.command.field.changeplan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.CancelVisit;
import uz.hisob.api.field.RescheduleVisit;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Changing a plan (ADMIN, MANAGER, the visit's AGENT): {@code POST /api/visits/{v}/reschedule} and
 * {@code POST /api/visits/{v}/cancel}, only while the visit is planned or missed (else 409 {@code VISIT_NOT_PLANNED}).
 */
@RestController
public class VisitPlanChangeEndpoint {

    /** The visit's new day (in the project's zone) and time. */
    public record Reschedule(@NotNull LocalDate plannedFor, LocalTime plannedTime) {
    }

    /** Why the visit will not happen: a {@code cancel-reasons} entry, a text, or both. */
    public record Cancel(@Size(max = 64) String reasonId, @Size(max = 4000) String reason) {
    }

    private final CommandDispatcher commands;
    private final FieldAccess access;

    public VisitPlanChangeEndpoint(CommandDispatcher commands, FieldAccess access) {
        this.commands = commands;
        this.access = access;
    }

    @PostMapping(path = "/api/visits/{visitId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> reschedule(@PathVariable String visitId, @Valid @RequestBody Reschedule body, Caller caller,
                                                   ServerWebExchange exchange) {
        return access.onVisit(caller, visitId, false, owner -> commands.update(exchange, caller, body,
                new RescheduleVisit(caller.tenant(), owner.agentId(), visitId, body.plannedFor(), body.plannedTime())));
    }

    @PostMapping(path = "/api/visits/{visitId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> cancel(@PathVariable String visitId, @Valid @RequestBody Cancel body, Caller caller,
                                               ServerWebExchange exchange) {
        return access.onVisit(caller, visitId, false, owner -> commands.update(exchange, caller, body,
                new CancelVisit(caller.tenant(), owner.agentId(), visitId, body.reasonId(), body.reason())));
    }
}
