package uz.hisob.command.field.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import tools.jackson.databind.JsonNode;
import uz.hisob.api.field.CreateProject;
import uz.hisob.api.field.UpdateProject;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

/**
 * Field-sales projects (ADMIN): {@code POST /api/projects} → 201, {@code PUT /api/projects/{p}} the project as it is
 * to be (what is left out takes its default). Defaults: zone {@code Asia/Tashkent}, geofence 150 m {@code FLAG},
 * no shortest visit, clients learn their location.
 */
@RestController
public class ProjectEndpoint {

    /** A project as it is to be; {@code id} only on creation. */
    public record Request(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @NotBlank @Size(max = 200) String name,
                          @Size(max = 64) String timezone,
                          @Valid Geofence geofence,
                          Integer minVisitMinutes,
                          Boolean learnClientLocation,
                          JsonNode onec) {

        ProjectSettings settings() {
            if (onec != null && !onec.isNull()) {
                // the 1C link (onec.md) keeps its credentials encrypted: it comes with the link itself, not before
                throw ApiException.invalid("onec", "the 1C link is not available in this version");
            }
            Geofence g = geofence == null ? new Geofence(null, null) : geofence;
            return new ProjectSettings(name, timezone == null ? "Asia/Tashkent" : timezone,
                    g.radiusMeters() == null ? 150 : g.radiusMeters(), g.policy() == null ? ProjectSettings.FLAG : g.policy(),
                    minVisitMinutes == null ? 0 : minVisitMinutes, learnClientLocation == null || learnClientLocation);
        }
    }

    /** Where a check-in counts as at the client, and what happens when it is not. */
    public record Geofence(Integer radiusMeters, String policy) {
    }

    private final CommandDispatcher commands;

    public ProjectEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new CreateProject(caller.tenant(), id, body.settings()), id, "/api/projects/" + id);
    }

    @PutMapping(path = "/api/projects/{projectId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> update(@PathVariable String projectId, @Valid @RequestBody Request body, Caller caller,
                                               ServerWebExchange exchange) {
        if (body.id() != null && !body.id().equals(projectId)) {
            return Mono.error(ApiException.invalid("id", "must be the project's id in the path, or absent"));
        }
        return commands.update(exchange, caller, body, new UpdateProject(caller.tenant(), projectId, body.settings()));
    }
}
