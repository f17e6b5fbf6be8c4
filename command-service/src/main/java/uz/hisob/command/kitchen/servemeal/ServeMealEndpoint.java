package uz.hisob.command.kitchen.servemeal;

import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.ServeMeal;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.time.Instant;

/** {@code POST /api/kitchens/{k}/servings} (ADMIN, COOK): answers {@code recipeVersion} and {@code deducted}. */
@RestController
public class ServeMealEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 64) String mealId,
            @NotNull @Min(1) @Max(10_000) Integer portions,
            Instant servedAt) {
    }

    private final CommandDispatcher commands;

    public ServeMealEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/servings", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> serve(@PathVariable String kitchenId, @Valid @RequestBody Request body,
                                              Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body,
                new ServeMeal(caller.tenant(), kitchenId, id, body.mealId(), body.portions(), body.servedAt()),
                id, "/api/kitchens/" + kitchenId + "/servings/" + id);
    }
}
