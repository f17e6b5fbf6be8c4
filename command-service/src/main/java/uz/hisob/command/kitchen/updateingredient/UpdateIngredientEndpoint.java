package uz.hisob.command.kitchen.updateingredient;

import uz.hisob.api.Quantities;
import jakarta.validation.constraints.Max;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.UpdateIngredient;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

/** {@code PUT /api/kitchens/{k}/ingredients/{i}} (ADMIN, MANAGER). */
@RestController
public class UpdateIngredientEndpoint {

    /** The request body. */
    public record Request(@NotBlank @Size(max = 200) String name, @NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long minStockGrams) {
    }

    private final CommandDispatcher commands;

    public UpdateIngredientEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PutMapping(path = "/api/kitchens/{kitchenId}/ingredients/{ingredientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> update(@PathVariable String kitchenId, @PathVariable String ingredientId,
                                               @Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body,
                new UpdateIngredient(caller.tenant(), kitchenId, ingredientId, body.name().strip(), body.minStockGrams()));
    }
}
