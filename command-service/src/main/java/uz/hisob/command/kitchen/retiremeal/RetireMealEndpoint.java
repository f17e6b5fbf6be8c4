package uz.hisob.command.kitchen.retiremeal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.RetireMeal;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

/** {@code DELETE /api/kitchens/{k}/meals/{m}} (ADMIN, MANAGER): the meal is retired, never erased; retiring twice is harmless. */
@RestController
public class RetireMealEndpoint {

    private final CommandDispatcher commands;

    public RetireMealEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @DeleteMapping("/api/kitchens/{kitchenId}/meals/{mealId}")
    public Mono<ResponseEntity<String>> retire(@PathVariable String kitchenId, @PathVariable String mealId,
                                               Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, null, new RetireMeal(caller.tenant(), kitchenId, mealId));
    }
}
