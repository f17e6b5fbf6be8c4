package uz.hisob.command.sales.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.sales.CancelOrder;
import uz.hisob.api.sales.CapturePayment;
import uz.hisob.api.sales.CompleteOrder;
import uz.hisob.api.sales.ConfigureSales;
import uz.hisob.api.sales.FulfilOrder;
import uz.hisob.api.sales.Orders;
import uz.hisob.command.inventory.LineRequest;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.command.platform.Ids;
import uz.hisob.command.sales.Cart;
import uz.hisob.command.sales.Order;
import uz.hisob.command.sales.payment.PaymentProvider;
import uz.hisob.command.sales.payment.PaymentProviders;
import uz.hisob.command.sales.placeorder.OrderPlacement;
import uz.hisob.command.sales.pricing.Pricing;
import uz.hisob.events.sales.SalesRoles;
import uz.hisob.events.sales.Shipping;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders (commerce.md "Carts and orders"): {@code POST /api/orders} places one ({@link OrderPlacement}); cancel,
 * fulfil and complete move it on; {@code POST …/{o}/payment/return} is the client back from paying, which asks the
 * provider and records the capture (the same one its webhook reports). {@code PUT /api/sales/settings} sets the
 * reservation time and the warehouses' priority.
 */
@RestController
public class OrderEndpoint {

    public record PlaceRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @Size(max = 64) String cartId,
            @Size(max = 1000) List<@Valid LineRequest> lines,
            @Size(max = 64) String customerId,
            @Size(max = 64) String priceListId,
            @Size(max = 64) String locationId,
            @Valid ShippingRequest shipping,
            @NotNull @Valid PaymentRequest payment,
            @Size(max = 4000) String note) {
    }

    public record ShippingRequest(@NotBlank @Size(max = 4000) String address, @Size(max = 64) String phone) {
    }

    public record PaymentRequest(
            @NotBlank @Pattern(regexp = "CARD|PAYPAL|CASH_ON_DELIVERY|INVOICE", message = "must be CARD, PAYPAL, CASH_ON_DELIVERY or INVOICE")
            String method,
            @Size(max = 20) List<@NotBlank @Size(max = 64) String> giftCertificateCodes) {
    }

    public record ReturnRequest(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                @jakarta.validation.constraints.NotEmpty @Size(max = 1000) List<@Valid LineRequest> lines,
                                @NotBlank @Size(max = 4000) String reason,
                                @NotNull Boolean restock) {
    }

    public record CancelRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    public record SettingsRequest(@Size(max = 32) String reservationTtl, @Size(max = 100) List<@NotBlank @Size(max = 64) String> warehousePriority) {
    }

    private final CommandDispatcher commands;
    private final OrderPlacement placement;
    private final CommandSender sender;
    private final AggregateReader aggregates;
    private final PaymentProviders providers;

    public OrderEndpoint(CommandDispatcher commands, OrderPlacement placement, CommandSender sender, AggregateReader aggregates,
                         PaymentProviders providers) {
        this.commands = commands;
        this.placement = placement;
        this.sender = sender;
        this.aggregates = aggregates;
        this.providers = providers;
    }

    @PostMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> place(@Valid @RequestBody PlaceRequest body, Caller caller, ServerWebExchange exchange) {
        if (body.cartId() != null) {
            return fromCart(body, caller, exchange);
        }
        if (body.lines() == null || body.lines().isEmpty()) {
            return Mono.error(ApiException.invalid("lines", "must hold 1 to 1000 lines (or name a cartId)"));
        }
        if (body.payment().giftCertificateCodes() != null && !body.payment().giftCertificateCodes().isEmpty()) {
            return Mono.error(ApiException.invalid("payment.giftCertificateCodes[0]", "no such gift certificate"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < body.lines().size(); i++) {
            if (!seen.add(body.lines().get(i).productId())) {
                return Mono.error(ApiException.invalid("lines[" + i + "].productId", "is listed twice"));
            }
        }
        boolean customer = isOnlyCustomer(caller);
        if (customer && body.customerId() != null && !body.customerId().equals(customerOf(caller))) {
            return Mono.error(ApiException.invalid("customerId", "a customer orders for itself"));
        }
        if ("CASH_ON_DELIVERY".equals(body.payment().method()) && body.shipping() == null) {
            return Mono.error(ApiException.invalid("shipping", "is required for cash on delivery"));
        }
        String id = Ids.orNew(body.id());
        String customerId = customer ? customerOf(caller) : body.customerId();
        List<Pricing.Item> items = body.lines().stream().map(l -> new Pricing.Item(l.productId(), l.quantity())).toList();
        Shipping shipping = body.shipping() == null ? null : new Shipping(body.shipping().address(), body.shipping().phone());
        OrderPlacement.Request request = new OrderPlacement.Request(id, "ONLINE", customerId, null, null, body.priceListId(),
                body.locationId(), items, body.payment().method(), shipping, body.note());
        return commands.createSteps(exchange, caller, body, id, "/api/orders/" + id,
                (actor, answering) -> placement.place(actor, request, answering));
    }

    /**
     * An order of a cart's lines, at its price list and location, for its customer (the cart's own, or one staff
     * opened for a customer); the cart is closed once the order is placed. Lines in the body as well are 400.
     */
    private Mono<ResponseEntity<String>> fromCart(PlaceRequest body, Caller caller, ServerWebExchange exchange) {
        if (body.lines() != null && !body.lines().isEmpty()) {
            return Mono.error(ApiException.invalid("lines", "an order is of a cart or of lines, not both"));
        }
        if (body.payment().giftCertificateCodes() != null && !body.payment().giftCertificateCodes().isEmpty()) {
            return Mono.error(ApiException.invalid("payment.giftCertificateCodes[0]", "no such gift certificate"));
        }
        String id = Ids.orNew(body.id());
        Shipping shipping = body.shipping() == null ? null : new Shipping(body.shipping().address(), body.shipping().phone());
        if ("CASH_ON_DELIVERY".equals(body.payment().method()) && shipping == null) {
            return Mono.error(ApiException.invalid("shipping", "is required for cash on delivery"));
        }
        return commands.createSteps(exchange, caller, body, id, "/api/orders/" + id, (actor, answering) -> {
            Cart.Contents cart = aggregates.read("cartRepository", Orders.cartAggregateId(actor.tenant(), body.cartId()), Cart::contents)
                    .filter(c -> !isOnlyCustomer(caller) || customerOf(caller).equals(c.customerId()))
                    .orElseThrow(() -> ApiException.invalid("cartId", "no such cart"));
            if (cart.orderId() != null) {
                throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "CART_ORDERED", "The cart became order " + cart.orderId(),
                        Map.of("orderId", cart.orderId()));
            }
            if (cart.lines().isEmpty()) {
                throw ApiException.invalid("cartId", "the cart is empty");
            }
            List<Pricing.Item> items = cart.lines().entrySet().stream().map(e -> new Pricing.Item(e.getKey(), e.getValue())).toList();
            placement.place(actor, new OrderPlacement.Request(id, "ONLINE", cart.customerId(), null, null,
                    body.priceListId() != null ? body.priceListId() : cart.priceListId(),
                    body.locationId() != null ? body.locationId() : cart.locationId(), items, body.payment().method(), shipping, body.note()),
                    answering);
            sender.send(actor, new uz.hisob.api.sales.CloseCart(actor.tenant(), body.cartId(), id));
        });
    }

    @PostMapping(path = "/api/orders/{orderId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> cancel(@PathVariable String orderId, @Valid @RequestBody CancelRequest body, Caller caller,
                                               ServerWebExchange exchange) {
        return commands.update(exchange, caller, body,
                new CancelOrder(caller.tenant(), orderId, body.reason(), isOnlyCustomer(caller) ? customerOf(caller) : null));
    }

    /** Goods of a fulfilled order come back: 201 {@code {"id","returned","refund","currency","position"}}. */
    @PostMapping(path = "/api/orders/{orderId}/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> returns(@PathVariable String orderId, @Valid @RequestBody ReturnRequest body, Caller caller,
                                                ServerWebExchange exchange) {
        String id = Ids.orNew(body.id());
        return commands.create(exchange, caller, body, new uz.hisob.api.sales.ReturnOrderLines(caller.tenant(), orderId, id,
                body.lines().stream().map(LineRequest::line).toList(), body.reason(), body.restock()), id,
                "/api/orders/" + orderId + "/returns/" + id);
    }

    @PostMapping(path = "/api/orders/{orderId}/fulfil")
    public Mono<ResponseEntity<String>> fulfil(@PathVariable String orderId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("orderId", orderId), new FulfilOrder(caller.tenant(), orderId));
    }

    @PostMapping(path = "/api/orders/{orderId}/complete")
    public Mono<ResponseEntity<String>> complete(@PathVariable String orderId, Caller caller, ServerWebExchange exchange) {
        return commands.update(exchange, caller, Map.of("orderId", orderId), new CompleteOrder(caller.tenant(), orderId));
    }

    /**
     * The client is back from the provider's payment page (or Stripe.js's confirmation): the provider is asked, and a
     * capture it reports is recorded as the webhook's would be, once. Answers the order's {@code status}.
     */
    @PostMapping(path = "/api/orders/{orderId}/payment/return")
    public Mono<ResponseEntity<String>> paymentReturn(@PathVariable String orderId, Caller caller, ServerWebExchange exchange) {
        return commands.steps(exchange, caller, Map.of("orderId", orderId), (actor, answering) -> {
            Order.PaymentView view = aggregates.read("orderRepository", Orders.aggregateId(actor.tenant(), orderId), Order::paymentView)
                    .filter(v -> !isOnlyCustomer(caller) || customerOf(caller).equals(v.customerId()))
                    .orElseThrow(() -> ApiException.notFound("Order"));
            if (view.provider() == null) {
                throw ApiException.invalid("orderId", "the order is not paid through a provider");
            }
            Optional<PaymentProvider.Capture> capture;
            try {
                capture = providers.named(view.provider()).captured(actor.tenant(), view.paymentId());
            } catch (PaymentProvider.ProviderUnavailable e) {
                throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
                        "The payment provider cannot be reached; the order's payment is recorded when its webhook arrives");
            }
            if (capture.isEmpty()) {
                throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "PAYMENT_NOT_CAPTURED",
                        "The provider has not taken the payment (yet)");
            }
            sender.send(actor, new CapturePayment(actor.tenant(), orderId, capture.get().paymentId(), capture.get().amount(),
                    capture.get().currency(), "return"), answering.showing(null));
        });
    }

    @PutMapping(path = "/api/sales/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> settings(@Valid @RequestBody SettingsRequest body, Caller caller, ServerWebExchange exchange) {
        Duration ttl;
        try {
            ttl = body.reservationTtl() == null ? null : Duration.parse(body.reservationTtl());
        } catch (java.time.format.DateTimeParseException e) {
            return Mono.error(ApiException.invalid("reservationTtl", "must be an ISO-8601 duration such as PT15M"));
        }
        return commands.update(exchange, caller, body, new ConfigureSales(caller.tenant(), ttl, body.warehousePriority()));
    }

    /**
     * A customer's id: its token's {@code customer} claim (a registered customer's), else its username (a CUSTOMER user
     * an admin created without a customer record, such as the demo's, whose record has the username as its id).
     */
    public static String customerOf(Caller caller) {
        String claimed = caller.scope(uz.hisob.api.sales.Orders.CUSTOMER_CLAIM);
        return claimed != null ? claimed : caller.username();
    }

    /** A caller who is a customer and nothing more sees and changes only its own orders. */
    public static boolean isOnlyCustomer(Caller caller) {
        return caller.hasRole(SalesRoles.CUSTOMER) && caller.roles().size() == 1;
    }
}
