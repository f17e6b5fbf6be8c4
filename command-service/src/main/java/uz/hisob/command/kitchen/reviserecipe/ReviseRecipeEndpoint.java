package uz.hisob.command.kitchen.reviserecipe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.ReviseRecipe;
import uz.hisob.command.kitchen.RecipeRequest;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

import java.util.List;

/** {@code PUT /api/kitchens/{k}/meals/{m}/recipe} (ADMIN, MANAGER): answers the new {@code recipeVersion}. */
@RestController
public class ReviseRecipeEndpoint {

    /** The request body. */
    public record Request(@NotEmpty @Size(max = 100) List<@Valid RecipeRequest> recipe) {
    }

    private final CommandDispatcher commands;

    public ReviseRecipeEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PutMapping(path = "/api/kitchens/{kitchenId}/meals/{mealId}/recipe", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> revise(@PathVariable String kitchenId, @PathVariable String mealId,
                                               @Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body,
                new ReviseRecipe(caller.tenant(), kitchenId, mealId, body.recipe().stream().map(RecipeRequest::line).toList()));
    }
}
