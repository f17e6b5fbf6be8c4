package uz.hisob.command.inventory.setminimums;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.Quantities;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.SetMinimums;
import uz.hisob.command.inventory.BodyLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

import java.util.List;

/** {@code PUT /api/inventory/minimums} (ADMIN, MANAGER): minimum quantities per product at a location (0: none). */
@RestController
public class SetMinimumsEndpoint {

    /** The request body. */
    public record Request(@NotBlank @Size(max = 64) String locationId, @NotEmpty @Size(max = 1000) List<@Valid Item> items) {
    }

    /** One product's minimum. */
    public record Item(@NotBlank @Size(max = 64) String productId,
                       @NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long minQuantity) {
    }

    private final CommandDispatcher commands;

    public SetMinimumsEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PutMapping(path = "/api/inventory/minimums", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> set(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        return BodyLocation.referenced(commands.update(exchange, caller, body, new SetMinimums(caller.tenant(), body.locationId(),
                body.items().stream().map(i -> new Line(i.productId(), i.minQuantity())).toList())));
    }
}
