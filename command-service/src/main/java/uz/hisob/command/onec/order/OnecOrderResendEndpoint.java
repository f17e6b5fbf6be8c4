package uz.hisob.command.onec.order;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.ResendOnecOrder;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.platform.security.Caller;

import java.util.Map;

/**
 * {@code POST /api/orders/{o}/onec/resend} (ADMIN, MANAGER; onec.md): an order 1C refused ({@code FAILED}) is sent
 * again; 409 {@code NOT_FAILED} for any other, 404 for an order that never went to 1C.
 */
@RestController
public class OnecOrderResendEndpoint {

    private final CommandDispatcher commands;

    public OnecOrderResendEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping("/api/orders/{orderId}/onec/resend")
    public Mono<ResponseEntity<String>> resend(@PathVariable String orderId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("resend", orderId), new ResendOnecOrder(caller.tenant(), orderId));
    }
}
