package uz.hisob.command.inventory.writeoff;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.inventory.WriteOffStock;
import uz.hisob.command.inventory.LineRequest;
import uz.hisob.command.inventory.BodyLocation;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.LocalDate;
import java.util.List;

/** {@code POST /api/inventory/write-offs} (ADMIN, MANAGER, WAREHOUSE_WORKER): all lines or none (409 with shortages). */
@RestController
public class InventoryWriteOffEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 64) String locationId,
            @NotEmpty @Size(max = 1000) List<@Valid LineRequest> lines,
            @NotBlank @Size(max = 4000) String reason,
            LocalDate writtenOffOn) {
    }

    private final CommandDispatcher commands;

    public InventoryWriteOffEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/inventory/write-offs", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> writeOff(@Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return BodyLocation.referenced(commands.create(exchange, caller, body,
                new WriteOffStock(caller.tenant(), body.locationId(), id, body.lines().stream().map(LineRequest::line).toList(),
                        body.reason(), body.writtenOffOn()),
                id, "/api/inventory/write-offs/" + id));
    }
}
