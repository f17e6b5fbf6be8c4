package uz.hisob.command.field.reference;

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
import uz.hisob.api.field.AddReference;
import uz.hisob.api.field.ChangeReference;
import uz.hisob.command.field.Project;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

/**
 * A project's dictionaries (ADMIN, MANAGER): {@code POST /api/projects/{p}/references/{kind}} adds an entry,
 * {@code PUT …/{kind}/{id}} renames, reorders or (de)activates it. Entries are never deleted: history names them.
 */
@RestController
public class ReferenceEndpoint {

    /** A new entry. */
    public record Entry(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id, @NotBlank @Size(max = 200) String name,
                        Integer order) {
    }

    /** An entry as it is to be. */
    public record Change(@NotBlank @Size(max = 200) String name, @NotNull Integer order, @NotNull Boolean active) {
    }

    private final CommandDispatcher commands;

    public ReferenceEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/projects/{projectId}/references/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> add(@PathVariable String projectId, @PathVariable String kind, @Valid @RequestBody Entry body,
                                            Caller caller, ServerWebExchange exchange) {
        requireKind(kind);
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new AddReference(caller.tenant(), projectId, kind, id, body.name(), body.order()),
                id, "/api/projects/" + projectId + "/references/" + kind + "/" + id);
    }

    @PutMapping(path = "/api/projects/{projectId}/references/{kind}/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> change(@PathVariable String projectId, @PathVariable String kind, @PathVariable String id,
                                               @Valid @RequestBody Change body, Caller caller, ServerWebExchange exchange) {
        requireKind(kind);
        return commands.update(exchange, caller, body, new ChangeReference(caller.tenant(), projectId, kind, id, body.name(),
                body.order(), body.active()));
    }

    private static void requireKind(String kind) {
        if (!Project.REFERENCE_KINDS.contains(kind)) {
            throw ApiException.notFound("Dictionary");
        }
    }
}
