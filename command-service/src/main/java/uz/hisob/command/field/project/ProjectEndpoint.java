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
import uz.hisob.api.field.CreateProject;
import uz.hisob.api.field.UpdateProject;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.command.onec.link.OnecLinkBody;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.command.platform.Ids;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

/**
 * Field-sales projects (ADMIN): {@code POST /api/projects} → 201, {@code PUT /api/projects/{p}} the project as it is
 * to be (what is left out takes its default). Defaults: zone {@code Asia/Tashkent}, geofence 150 m {@code FLAG},
 * no shortest visit, clients learn their location. With {@code onec}, the project is linked to its 1C base as well
 * (onec.md); left out, the link stays as it is ({@code DELETE /api/projects/{p}/onec} removes it).
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
                          @Valid OnecLinkBody onec) {

        ProjectSettings settings() {
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
    private final CommandSender sender;
    private final OnecSecrets secrets;

    public ProjectEndpoint(CommandDispatcher commands, CommandSender sender, OnecSecrets secrets) {
        this.commands = commands;
        this.sender = sender;
        this.secrets = secrets;
    }

    /**
     * The request as its {@code Idempotency-Key} fingerprint sees it: the 1C passwords as an HMAC under the
     * installation's secret key, so the fingerprint kept for 24 h holds nothing to guess them from.
     */
    private Request fingerprinted(Request body) {
        if (body.onec() == null) {
            return body;
        }
        java.util.function.UnaryOperator<String> mask = secret -> secrets.configured()
                ? java.util.HexFormat.of().formatHex(secrets.derive("fingerprint\n" + secret)) : "***";
        return new Request(body.id(), body.name(), body.timezone(), body.geofence(), body.minVisitMinutes(), body.learnClientLocation(),
                body.onec().masked(mask));
    }

    @PostMapping(path = "/api/projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        CreateProject create = new CreateProject(caller.tenant(), id, body.settings());
        if (body.onec() == null) {
            return commands.create(exchange, caller, body, create, id, "/api/projects/" + id);
        }
        // the project, then its link to 1C (onec.md): every refusal the link could make is made here first, so no
        // project is made without the link it was asked with
        if (body.onec().password() == null) {
            return Mono.error(ApiException.invalid("onec.password", "is required to link the project"));
        }
        if (body.onec().exchangeLogin() != null && body.onec().exchangePassword() == null) {
            return Mono.error(ApiException.invalid("onec.exchangePassword", "is required with exchangeLogin"));
        }
        if (!secrets.configured()) {
            return Mono.error(new ApiException(org.springframework.http.HttpStatus.CONFLICT, "NOT_CONFIGURED",
                    "hisob.onec.secret-key is not set: 1C passwords cannot be stored"));
        }
        try {
            body.onec().checkUrls();
        } catch (ApiException e) {
            return Mono.error(e);
        }
        return commands.createSteps(exchange, caller, fingerprinted(body), id, "/api/projects/" + id, (actor, answering) -> {
            sender.send(actor, create);
            sender.send(actor, body.onec().command(caller.tenant(), id), answering.showing(null));
        });
    }

    @PutMapping(path = "/api/projects/{projectId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> update(@PathVariable String projectId, @Valid @RequestBody Request body, Caller caller,
                                               ServerWebExchange exchange) {
        if (body.id() != null && !body.id().equals(projectId)) {
            return Mono.error(ApiException.invalid("id", "must be the project's id in the path, or absent"));
        }
        UpdateProject update = new UpdateProject(caller.tenant(), projectId, body.settings());
        if (body.onec() == null) {
            return commands.update(exchange, caller, body, update); // the link, if any, stays as it is
        }
        try {
            body.onec().checkUrls();
        } catch (ApiException e) {
            return Mono.error(e);
        }
        // the link first: its refusals (no password stored yet) leave the project as it was
        return commands.steps(exchange, caller, fingerprinted(body), (actor, answering) -> {
            sender.send(actor, body.onec().command(caller.tenant(), projectId));
            sender.send(actor, update, answering.showing(null));
        });
    }
}
