package uz.hisob.command.kitchen.writeoff;

import uz.hisob.api.Quantities;
import jakarta.validation.constraints.Max;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.WriteOffStock;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.LocalDate;

/** {@code POST /api/kitchens/{k}/write-offs} (ADMIN, MANAGER). */
@RestController
public class WriteOffEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 64) String ingredientId,
            @NotNull @Min(1) @Max(Quantities.MAX_PER_COMMAND) Long grams,
            @NotBlank @Size(max = 1000) String reason,
            LocalDate writtenOffOn) {
    }

    private final CommandDispatcher commands;

    public WriteOffEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/write-offs", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> writeOff(@PathVariable String kitchenId, @Valid @RequestBody Request body,
                                                 Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body,
                new WriteOffStock(caller.tenant(), kitchenId, id, body.ingredientId(), body.grams(), body.reason().strip(),
                        body.writtenOffOn()),
                id, "/api/kitchens/" + kitchenId + "/write-offs/" + id);
    }
}
