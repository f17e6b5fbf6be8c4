package uz.hisob.command.kitchen.addmeal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import uz.hisob.api.kitchen.AddMeal;
import uz.hisob.command.kitchen.RecipeRequest;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;

import java.util.List;

/** {@code POST /api/kitchens/{k}/meals} (ADMIN, MANAGER). */
@RestController
public class AddMealEndpoint {

    /** The request body. */
    public record Request(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 100) List<@Valid RecipeRequest> recipe) {
    }

    private final CommandDispatcher commands;

    public AddMealEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/meals", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> add(@PathVariable String kitchenId, @Valid @RequestBody Request body,
                                            Caller caller, ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body,
                new AddMeal(caller.tenant(), kitchenId, id, body.name().strip(), body.recipe().stream().map(RecipeRequest::line).toList()),
                id, "/api/kitchens/" + kitchenId + "/meals/" + id);
    }
}
