package uz.hisob.command.kitchen.countstock;

import uz.hisob.api.Quantities;
import jakarta.validation.constraints.Max;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import uz.hisob.api.kitchen.CountStock;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/kitchens/{k}/stock-counts} (ADMIN, MANAGER): answers the {@code adjustments} it made. */
@RestController
public class CountStockEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            Instant countedAt,
            @NotEmpty @Size(max = 1000) List<@Valid Line> counts) {
    }

    /** One counted ingredient. */
    public record Line(@NotBlank @Size(max = 64) String ingredientId, @NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long grams) {
    }

    private final CommandDispatcher commands;

    public CountStockEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/stock-counts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> count(@PathVariable String kitchenId, @Valid @RequestBody Request body,
                                              Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        List<CountStock.Count> counts = body.counts().stream().map(l -> new CountStock.Count(l.ingredientId(), l.grams())).toList();
        return commands.create(exchange, caller, body,
                new CountStock(caller.tenant(), kitchenId, id, body.countedAt(), counts),
                id, "/api/kitchens/" + kitchenId + "/stock-counts/" + id);
    }
}
