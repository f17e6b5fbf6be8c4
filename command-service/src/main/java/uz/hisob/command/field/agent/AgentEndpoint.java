package uz.hisob.command.field.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uz.hisob.api.field.ChangeAgent;
import uz.hisob.api.field.EnrolAgent;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.util.UUID;

/**
 * A project's agents (ADMIN, MANAGER): {@code POST /api/projects/{p}/agents} makes the user (role AGENT, its tokens
 * bound to the project and the agent) and the agent; a taken username is 409. {@code PUT …/{a}} changes its details;
 * an inactive agent can no longer sign in or refresh its tokens.
 */
@RestController
public class AgentEndpoint {

    /** A new agent; the password is never echoed, logged or stored in clear. */
    public record Enrolment(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may contain letters, digits and . _ @ -") String username,
                            @NotNull @Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password,
                            @NotBlank @Size(max = 200) String name,
                            @Size(max = 32) String phone,
                            @Size(max = 64) String onecCode) {

        @Override
        public String toString() {
            return "Enrolment[id=" + id + ", username=" + username + ", name=" + name + "]";
        }
    }

    /** An agent as it is to be. */
    public record Change(@NotBlank @Size(max = 200) String name, @Size(max = 32) String phone, @Size(max = 64) String onecCode,
                         @NotNull Boolean active) {
    }

    private final CommandDispatcher commands;
    private final PasswordEncoder passwords;

    public AgentEndpoint(CommandDispatcher commands, PasswordEncoder passwords) {
        this.commands = commands;
        this.passwords = passwords;
    }

    @PostMapping(path = "/api/projects/{projectId}/agents", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> enrol(@PathVariable String projectId, @Valid @RequestBody Enrolment body, Caller caller,
                                              ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        // the idempotency fingerprint must not depend on the hash's random salt: it is taken over the request
        Enrolment fingerprinted = new Enrolment(body.id(), body.username(), uz.hisob.command.users.CreateUserEndpoint.sha256(body.password()), body.name(), body.phone(),
                body.onecCode());
        return Mono.fromCallable(() -> passwords.encode(body.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> commands.create(exchange, caller, fingerprinted,
                        new EnrolAgent(caller.tenant(), projectId, id, UUID.randomUUID().toString(), body.username(), hash,
                                body.name(), body.phone(), body.onecCode()),
                        id, "/api/projects/" + projectId + "/agents/" + id));
    }

    @PutMapping(path = "/api/projects/{projectId}/agents/{agentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> change(@PathVariable String projectId, @PathVariable String agentId,
                                               @Valid @RequestBody Change body, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body, new ChangeAgent(caller.tenant(), projectId, agentId, body.name(),
                body.phone(), body.onecCode(), body.active()));
    }

}
