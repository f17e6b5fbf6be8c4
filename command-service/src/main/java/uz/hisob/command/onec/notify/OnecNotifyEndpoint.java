package uz.hisob.command.onec.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.StartOnecSync;
import uz.hisob.command.onec.OnecApiKeys;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.sync.OnecSync;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;
import org.springframework.web.server.ServerWebExchange;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * 1C asks for a run (onec.md): {@code POST /api/onec/{p}/notify} {@code {"entities"?}} with the project's key in
 * {@code X-Api-Key} → 202 {@code {"runId","position"}} (trigger {@code NOTIFY}; {@code Idempotency-Key} as everywhere); no key, a revoked key or another project's → 401;
 * a run running → 409 {@code SYNC_RUNNING}. No bearer token: the key is the credential.
 */
@RestController
public class OnecNotifyEndpoint {

    public record Request(@Size(min = 1, max = 4) List<String> entities) {
    }

    private final OnecApiKeys keys;
    private final OnecSync sync;
    private final CommandDispatcher commands;

    public OnecNotifyEndpoint(OnecApiKeys keys, OnecSync sync, CommandDispatcher commands) {
        this.keys = keys;
        this.sync = sync;
        this.commands = commands;
    }

    @PostMapping(path = "/api/onec/{projectId}/notify", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> notify(@PathVariable String projectId,
                                               @RequestHeader(name = "X-Api-Key", required = false) String key,
                                               @Valid @RequestBody(required = false) Request body, ServerWebExchange exchange) {
        List<String> entities = body == null || body.entities() == null ? StartOnecSync.ENTITIES : body.entities();
        for (int i = 0; i < entities.size(); i++) {
            if (!StartOnecSync.ENTITIES.contains(entities.get(i))) {
                return Mono.error(ApiException.invalid("entities[" + i + "]", "must be one of " + StartOnecSync.ENTITIES));
            }
        }
        return Blocking.run(() -> {
            Optional<OnecApiKeys.Owner> owner = key == null || key.isBlank() ? Optional.empty() : keys.owner(OnecItemHashes.hash(key.trim()));
            if (owner.isEmpty() || !owner.get().projectId().equals(projectId)) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "X-Api-Key must be a key of this project");
            }
            return owner.get();
        }).flatMap(owner -> {
            // 1C acts as the key: its runs and events name it
            Caller caller = new Caller(owner.tenant(), "1c-key:" + owner.keyId(), Set.of());
            String runId = UUID.randomUUID().toString();
            return commands.accepted(exchange, caller, body == null ? Map.of() : body, (actor, answering) ->
                    sync.start(actor, projectId, "NOTIFY", entities, false, runId, answering.showing(Map.of("runId", runId))));
        });
    }
}
