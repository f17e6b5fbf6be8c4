package uz.hisob.command.kitchen.reversedelivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.kitchen.ReverseDelivery;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

/** {@code POST /api/kitchens/{k}/deliveries/{d}/reversal} (ADMIN, MANAGER). */
@RestController
public class ReverseDeliveryEndpoint {

    /** The request body. */
    public record Request(@NotBlank @Size(max = 1000) String reason) {
    }

    private final CommandDispatcher commands;

    public ReverseDeliveryEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/kitchens/{kitchenId}/deliveries/{deliveryId}/reversal", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> reverse(@PathVariable String kitchenId, @PathVariable String deliveryId,
                                                @Valid @RequestBody Request body, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body,
                new ReverseDelivery(caller.tenant(), kitchenId, deliveryId, body.reason().strip()));
    }
}
