package uz.hisob.command.inventory.openlocation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.inventory.OpenLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

/** {@code POST /api/inventory/locations} (ADMIN, MANAGER): a warehouse or a shop. */
@RestController
public class OpenLocationEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "WAREHOUSE|SHOP", message = "must be WAREHOUSE or SHOP") String kind,
            @Size(max = 4000) String address,
            @Size(max = 64) String timezone) {
    }

    private final CommandDispatcher commands;

    public OpenLocationEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/inventory/locations", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> open(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body,
                new OpenLocation(caller.tenant(), id, body.name().strip(), body.kind(), body.address(), body.timezone()),
                id, "/api/inventory/locations/" + id);
    }
}
