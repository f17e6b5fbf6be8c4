package uz.hisob.command.sales.cart;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.Quantities;
import uz.hisob.api.sales.CreateCart;
import uz.hisob.api.sales.Orders;
import uz.hisob.api.sales.SetCartLine;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.command.sales.Cart;
import uz.hisob.command.sales.order.OrderEndpoint;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.util.Map;

/**
 * Carts (commerce.md "Carts and orders"): a CUSTOMER's own, or one ADMIN or MANAGER opens for a customer (a phone
 * order). Lines are set one product at a time (0 removes) and the cart is priced by the server at each change; it
 * holds no stock. {@code POST …/{c}/codes} takes promotion codes, none of which exists until the promotions (#16):
 * 409 {@code PROMOTION_NOT_APPLICABLE}. Read at the query-service ({@code GET /api/carts/{c}}).
 */
@RestController
public class CartEndpoint {

    public record CreateRequest(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                @Size(max = 64) String priceListId, @Size(max = 64) String locationId, @Size(max = 64) String customerId) {
    }

    public record LineRequest(@NotNull @Min(0) @Max(Quantities.MAX_PER_COMMAND) Long quantity) {
    }

    public record CodeRequest(@NotBlank @Size(max = 64) String code) {
    }

    private final CommandDispatcher commands;
    private final AggregateReader aggregates;

    public CartEndpoint(CommandDispatcher commands, AggregateReader aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    @PostMapping(path = "/api/carts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> create(@Valid @RequestBody CreateRequest body, Caller caller, ServerWebExchange exchange) {
        boolean customer = OrderEndpoint.isOnlyCustomer(caller);
        if (customer && body.customerId() != null && !body.customerId().equals(OrderEndpoint.customerOf(caller))) {
            return Mono.error(ApiException.invalid("customerId", "a customer's cart is its own"));
        }
        if (!customer && body.customerId() == null) {
            return Mono.error(ApiException.invalid("customerId", "is required for a cart made for a customer"));
        }
        String id = Ids.orNew(body.id());
        String customerId = customer ? OrderEndpoint.customerOf(caller) : body.customerId();
        return commands.create(exchange, caller, body, new CreateCart(caller.tenant(), id, customerId, body.priceListId(), body.locationId()),
                id, "/api/carts/" + id);
    }

    @PutMapping(path = "/api/carts/{cartId}/lines/{productId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> line(@PathVariable String cartId, @PathVariable String productId, @Valid @RequestBody LineRequest body,
                                             Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, body, new SetCartLine(caller.tenant(), cartId, productId, body.quantity(),
                OrderEndpoint.isOnlyCustomer(caller) ? OrderEndpoint.customerOf(caller) : null));
    }

    @PostMapping(path = "/api/carts/{cartId}/codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> code(@PathVariable String cartId, @Valid @RequestBody CodeRequest body, Caller caller) {
        return Blocking.run(() -> {
            Cart.Contents cart = aggregates.read("cartRepository", Orders.cartAggregateId(caller.tenant(), cartId), Cart::contents)
                    .filter(c -> !OrderEndpoint.isOnlyCustomer(caller) || OrderEndpoint.customerOf(caller).equals(c.customerId()))
                    .orElseThrow(() -> ApiException.notFound("Cart"));
            throw new ApiException(HttpStatus.CONFLICT, "PROMOTION_NOT_APPLICABLE", "No promotion has the code " + body.code(),
                    Map.of("reason", "UNKNOWN_CODE", "cartId", cartId, "lines", cart.lines().size()));
        });
    }
}
