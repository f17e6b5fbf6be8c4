package uz.hisob.command.onec.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.StartOnecSync;
import uz.hisob.command.platform.CommandDispatcher;
import org.springframework.web.server.ServerWebExchange;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run of the project's 1C sync on demand (onec.md): {@code POST /api/projects/{p}/onec/sync}
 * {@code {"entities"?, "full"?}} (ADMIN, MANAGER) → 202 {@code {"runId","position"}} (a replay with the same
 * {@code Idempotency-Key} answers the same and starts nothing); the run goes on in the background, its
 * progress in the run log ({@code GET …/onec/runs/{id}} on the query side). 409 {@code SYNC_RUNNING} while a run of
 * the project runs, 409 {@code NOT_LINKED} for a project without a link.
 */
@RestController
public class OnecSyncEndpoint {

    public record Request(@Size(min = 1, max = 4) List<String> entities, Boolean full) {
    }

    private final OnecSync sync;
    private final CommandDispatcher commands;

    public OnecSyncEndpoint(OnecSync sync, CommandDispatcher commands) {
        this.sync = sync;
        this.commands = commands;
    }

    @PostMapping(path = "/api/projects/{projectId}/onec/sync", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> sync(@PathVariable String projectId, @Valid @RequestBody(required = false) Request body,
                                             Caller caller, ServerWebExchange exchange) {
        List<String> entities = body == null || body.entities() == null ? StartOnecSync.ENTITIES : body.entities();
        for (int i = 0; i < entities.size(); i++) {
            if (!StartOnecSync.ENTITIES.contains(entities.get(i))) {
                return Mono.error(ApiException.invalid("entities[" + i + "]", "must be one of " + StartOnecSync.ENTITIES));
            }
        }
        boolean full = body != null && Boolean.TRUE.equals(body.full());
        String runId = UUID.randomUUID().toString();
        return commands.accepted(exchange, caller, body == null ? Map.of() : body,
                (actor, answering) -> sync.start(actor, projectId, "MANUAL", entities, full, runId, answering.showing(Map.of("runId", runId))));
    }
}
