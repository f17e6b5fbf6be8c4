package uz.hisob.command.sales.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
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
import uz.hisob.api.sales.RegisterCustomer;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.users.CreateUserEndpoint;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.util.UUID;

/**
 * {@code POST /api/customers/register} (commerce.md, no token): a customer registers itself with a shop (its
 * tenant), getting a user of role CUSTOMER whose username is its e-mail; it then signs in at {@code /api/auth/token}.
 * Answers 201 {@code {"id","position"}}; 400 for an unknown shop, a bad e-mail or a password under 8 characters; 409
 * {@code ALREADY_EXISTS} for an e-mail registered before. The answer never says more about the shop's customers.
 */
@RestController
public class CustomerRegistrationEndpoint {

    public record Request(@NotBlank @Size(max = 64) String tenant,
                          @NotBlank @Email @Size(max = 254) String email,
                          @NotBlank @Size(min = 8, max = 200) String password,
                          @NotBlank @Size(max = 200) String name,
                          @Size(max = 64) String phone) {
        @Override
        public String toString() {
            return "Request[tenant=" + tenant + ", email=" + email + "]";
        }
    }

    private final CommandDispatcher commands;
    private final PasswordEncoder passwords;

    public CustomerRegistrationEndpoint(CommandDispatcher commands, PasswordEncoder passwords) {
        this.commands = commands;
        this.passwords = passwords;
    }

    @PostMapping(path = "/api/customers/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> register(@Valid @RequestBody Request body, ServerWebExchange exchange) {
        if (body.tenant().indexOf(':') >= 0) {
            return Mono.error(ApiException.invalid("tenant", "no such shop"));
        }
        String id = UUID.randomUUID().toString();
        return Mono.fromCallable(() -> passwords.encode(body.password()))
                .subscribeOn(Schedulers.boundedElastic())
                // as the customer-to-be, in the shop's tenant; the idempotency fingerprint takes the password's SHA-256
                .flatMap(hash -> commands.create(exchange, new Caller(body.tenant(), body.email().toLowerCase(java.util.Locale.ROOT),
                                java.util.Set.of()),
                        new Request(body.tenant(), body.email(), CreateUserEndpoint.sha256(body.password()), body.name(), body.phone()),
                        new RegisterCustomer(body.tenant(), id, body.email(), body.name(), body.phone(), null, hash),
                        id, "/api/customers/" + id));
    }
}
