package uz.hisob.command.field.checklist;

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
import uz.hisob.api.field.DefineVisitStep;
import uz.hisob.api.field.ReviseVisitStep;
import uz.hisob.api.field.VisitStepSpec;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.List;

/**
 * A project's checklist (ADMIN, MANAGER): {@code POST /api/projects/{p}/visit-steps} defines a step (version 1),
 * {@code PUT …/{s}} makes its next version; visits already checked in keep the version they were given.
 */
@RestController
public class VisitStepEndpoint {

    /** A step as it is to be; {@code id} only on creation. */
    public record Request(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @NotBlank @Size(max = 200) String title,
                          @NotBlank String kind,
                          @NotNull Boolean required,
                          @Size(max = 50) List<@NotBlank @Size(max = 200) String> options,
                          @Size(max = 50) List<@NotBlank @Size(max = 64) String> visitTypeIds,
                          @NotNull Integer order) {

        VisitStepSpec spec() {
            return new VisitStepSpec(title, kind, required, options, visitTypeIds, order);
        }
    }

    private final CommandDispatcher commands;

    public VisitStepEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/projects/{projectId}/visit-steps", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> define(@PathVariable String projectId, @Valid @RequestBody Request body, Caller caller,
                                               ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new DefineVisitStep(caller.tenant(), projectId, id, body.spec()), id,
                "/api/projects/" + projectId + "/visit-steps/" + id);
    }

    @PutMapping(path = "/api/projects/{projectId}/visit-steps/{stepId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> revise(@PathVariable String projectId, @PathVariable String stepId, @Valid @RequestBody Request body,
                                               Caller caller, ServerWebExchange exchange) {
        if (body.id() != null && !body.id().equals(stepId)) {
            return Mono.error(ApiException.invalid("id", "must be the step's id in the path, or absent"));
        }
        return commands.update(exchange, caller, body, new ReviseVisitStep(caller.tenant(), projectId, stepId, body.spec()));
    }
}
