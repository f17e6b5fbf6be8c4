package uz.hisob.command.inventory.countstock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import uz.hisob.api.Quantities;
import uz.hisob.api.inventory.CountStock;
import uz.hisob.command.inventory.BodyLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/inventory/counts} (ADMIN, MANAGER, WAREHOUSE_WORKER): answers the {@code adjustments} it made. */
@RestController
public class InventoryCountEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 64) String locationId,
            Instant countedAt,
            @NotEmpty @Size(max = 1000) List<@Valid Line> lines) {
    }

    /** One counted product (0 .. 10^12). */
    public record Line(@NotBlank @Size(max = 64) String productId,
                       @NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long quantity) {
    }

    private final CommandDispatcher commands;

    public InventoryCountEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/inventory/counts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> count(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return BodyLocation.referenced(commands.create(exchange, caller, body,
                new CountStock(caller.tenant(), body.locationId(), id, body.countedAt(),
                        body.lines().stream().map(l -> new uz.hisob.api.inventory.Line(l.productId(), l.quantity())).toList()),
                id, "/api/inventory/counts/" + id));
    }
}
