package uz.hisob.command.kitchen.defineingredient;

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
import uz.hisob.api.kitchen.DefineIngredient;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

/** {@code POST /api/kitchens/{k}/ingredients} (ADMIN, MANAGER). */
@RestController
public class DefineIngredientEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long minStockGrams) {
    }

    private final CommandDispatcher commands;

    public DefineIngredientEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/ingredients", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> define(@PathVariable String kitchenId, @Valid @RequestBody Request body,
                                               Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body,
                new DefineIngredient(caller.tenant(), kitchenId, id, body.name().strip(), body.minStockGrams()),
                id, "/api/kitchens/" + kitchenId + "/ingredients/" + id);
    }
}
