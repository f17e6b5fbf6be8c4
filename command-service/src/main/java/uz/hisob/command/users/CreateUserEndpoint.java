package uz.hisob.command.users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uz.hisob.api.users.CreateUser;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.security.Roles;
import uz.hisob.platform.security.TenantRoles;
import uz.hisob.platform.web.ApiException;

import java.util.List;
import java.util.UUID;

/** {@code POST /api/users} (ADMIN): a user in the caller's tenant. */
@RestController
public class CreateUserEndpoint {

    /** The request body; the password is never echoed, logged or stored in clear. */
    public record Request(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may contain letters, digits and . _ @ -") String username,
            @NotNull @Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password,
            @NotEmpty List<@NotBlank String> roles) {

        @Override
        public String toString() {
            return "Request[username=" + username + ", roles=" + roles + "]";
        }
    }

    private final CommandDispatcher commands;
    private final PasswordEncoder passwords;
    private final TenantRoles tenantRoles;

    public CreateUserEndpoint(CommandDispatcher commands, PasswordEncoder passwords, TenantRoles tenantRoles) {
        this.tenantRoles = tenantRoles;
        this.commands = commands;
        this.passwords = passwords;
    }

    @PostMapping(path = "/api/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        for (String role : body.roles()) {
            if (Roles.OPERATOR.equals(role)) {
                throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "FORBIDDEN",
                        "OPERATOR is the platform operator's role: no tenant can grant it");
            }
            if (!tenantRoles.contains(role)) {
                throw ApiException.invalid("roles", "unknown role " + role + "; known: " + tenantRoles.all());
            }
        }
        String id = UUID.randomUUID().toString();
        // the idempotency fingerprint must not depend on the password's random salt: it is taken over the request
        Request fingerprinted = new Request(body.username(), sha256(body.password()), body.roles());
        return Mono.fromCallable(() -> passwords.encode(body.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> commands.create(exchange, caller, fingerprinted,
                        new CreateUser(caller.tenant(), id, body.username(), hash, List.copyOf(body.roles())),
                        id, "/api/users/" + id));
    }

    /** What an idempotency fingerprint takes of a password: its SHA-256, never the password or its salted hash. */
    public static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
