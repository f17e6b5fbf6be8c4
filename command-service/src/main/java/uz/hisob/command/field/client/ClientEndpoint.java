package uz.hisob.command.field.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.field.ArchiveClient;
import uz.hisob.api.field.AttachClientImage;
import uz.hisob.api.field.ChangeClient;
import uz.hisob.api.field.RegisterClient;
import uz.hisob.api.field.RestoreClient;
import uz.hisob.command.field.FieldAccess;
import uz.hisob.command.field.LocationBody;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.List;
import java.util.Map;

/**
 * A project's clients (ADMIN, MANAGER): register, change (the client as it is to be), archive ({@code DELETE}: a
 * soft delete, its history kept, no visits), restore; and images of a client (also the project's AGENTs).
 */
@RestController
public class ClientEndpoint {

    /** A client as it is to be; {@code id} only on creation. */
    public record Request(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                          @NotBlank @Size(max = 200) String name,
                          @Size(max = 200) String legalName,
                          @Size(max = 32) String tin,
                          @Size(max = 32) String phone,
                          @Size(max = 500) String address,
                          @Valid LocationBody location,
                          @Size(max = 64) String onecCode,
                          @Size(max = 64) String priceListId,
                          @Size(max = 100) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> agentIds,
                          @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags) {

        ClientDetails details() {
            return new ClientDetails(name, legalName, tin, phone, address, location == null ? null : location.point(), onecCode,
                    priceListId, agentIds == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(agentIds)),
                    tags == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(tags)));
        }
    }

    /** An image of the client, uploaded before ({@code POST /api/projects/{p}/images}). */
    public record ImageRequest(@NotBlank @Size(max = 64) String imageId, @Size(max = 64) String kind) {
    }

    private final CommandDispatcher commands;

    public ClientEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/projects/{projectId}/clients", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> register(@PathVariable String projectId, @Valid @RequestBody Request body, Caller caller,
                                                 ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new RegisterClient(caller.tenant(), projectId, id, body.details()), id,
                "/api/projects/" + projectId + "/clients/" + id);
    }

    /** Many clients at once. */
    public record Bulk(@jakarta.validation.constraints.NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Request> clients) {
    }

    /**
     * {@code POST /api/projects/{p}/clients/bulk} (added): 1..500 clients, all or none → 201 {@code {"ids":[…]}}; a bad
     * item is a 400 naming it by index, an id or 1C code taken a 409 with its {@code index}.
     */
    @PostMapping(path = "/api/projects/{projectId}/clients/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> registerMany(@PathVariable String projectId, @Valid @RequestBody Bulk body, Caller caller,
                                                     ServerWebExchange exchange) {
        List<uz.hisob.api.field.RegisterClients.Item> items = body.clients().stream()
                .map(c -> new uz.hisob.api.field.RegisterClients.Item(Ids.orNew(c.id()), c.details())).toList();
        return commands.create(exchange, caller, body, new uz.hisob.api.field.RegisterClients(caller.tenant(), projectId, items), null, null);
    }

    @PutMapping(path = "/api/projects/{projectId}/clients/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> change(@PathVariable String projectId, @PathVariable String clientId,
                                               @Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        if (body.id() != null && !body.id().equals(clientId)) {
            return Mono.error(ApiException.invalid("id", "must be the client's id in the path, or absent"));
        }
        return commands.update(exchange, caller, body, new ChangeClient(caller.tenant(), projectId, clientId, body.details()));
    }

    @DeleteMapping("/api/projects/{projectId}/clients/{clientId}")
    public Mono<ResponseEntity<String>> archive(@PathVariable String projectId, @PathVariable String clientId, Caller caller,
                                                ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("archive", clientId), new ArchiveClient(caller.tenant(), projectId, clientId));
    }

    @PostMapping("/api/projects/{projectId}/clients/{clientId}/restore")
    public Mono<ResponseEntity<String>> restore(@PathVariable String projectId, @PathVariable String clientId, Caller caller,
                                                ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("restore", clientId), new RestoreClient(caller.tenant(), projectId, clientId));
    }

    @PostMapping(path = "/api/projects/{projectId}/clients/{clientId}/images", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> image(@PathVariable String projectId, @PathVariable String clientId,
                                              @Valid @RequestBody ImageRequest body, Caller caller, ServerWebExchange exchange) {
        FieldAccess.requireProject(caller, projectId);
        return commands.create(exchange, caller, body, new AttachClientImage(caller.tenant(), projectId, clientId, body.imageId(),
                body.kind()), body.imageId(), "/api/images/" + body.imageId());
    }
}
