package uz.hisob.command.sales.placeorder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.ReleaseReservation;
import uz.hisob.api.inventory.ReserveStock;
import uz.hisob.api.sales.Orders;
import uz.hisob.api.sales.PlaceOrder;
import uz.hisob.api.sales.PricedOrder;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.command.sales.Order;
import uz.hisob.command.sales.OrderPlacements;
import uz.hisob.command.sales.SalesSettings;
import uz.hisob.command.sales.payment.PaymentProvider;
import uz.hisob.command.sales.payment.PaymentProviders;
import uz.hisob.command.sales.pricing.Pricing;
import uz.hisob.events.sales.Allocation;
import uz.hisob.events.sales.PaymentRef;
import uz.hisob.events.sales.Shipping;
import uz.hisob.platform.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places an order (commerce.md "Carts and orders"), in this order, each step undone when a later one fails:
 * <ol>
 *   <li>the lines are priced by the server ({@link Pricing});</li>
 *   <li>the payment is asked of its provider (card, PayPal), with a key derived from the order: a provider that is
 *   down answers 503 before anything is reserved;</li>
 *   <li>the stock is planned ({@link Allocator}) and reserved, one reservation per location, each all lines or none;
 *   a location that refuses (another order took the units) has the others released and the plan made again, up to
 *   three times, then 409 {@code INSUFFICIENT_STOCK} (and the payment withdrawn);</li>
 *   <li>the {@link Order} records it all and takes its number; unpaid, it holds the stock until
 *   {@code reservedUntil} (the tenant's setting, 15 minutes by default).</li>
 * </ol>
 * Each reservation is noted ({@link OrderPlacements}, committed) before it is made, and the note ends in the order's
 * transaction: should this node stop between the reservations and the order, {@code OrderPlacementSweep} releases
 * them a minute later.
 */
@Component
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);
    private static final int ATTEMPTS = 3;
    static final String DOCUMENT_KIND = "ORDER";

    /** What an order is to be. */
    public record Request(String orderId, String channel, String customerId, String clientId, String visitId,
                          String priceListId, String locationId, List<Pricing.Item> items, String paymentMethod,
                          Shipping shipping, String note) {
    }

    private final Pricing pricing;
    private final Allocator allocator;
    private final PaymentProviders providers;
    private final CommandSender sender;
    private final AggregateReader aggregates;
    private final Clock clock;
    private final OrderPlacements placements;

    public OrderPlacement(Pricing pricing, Allocator allocator, PaymentProviders providers, CommandSender sender,
                          AggregateReader aggregates, Clock clock, OrderPlacements placements) {
        this.placements = placements;
        this.pricing = pricing;
        this.allocator = allocator;
        this.providers = providers;
        this.sender = sender;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    public void place(Actor actor, Request r, CommandDispatcher.Answering answering) {
        String tenant = actor.tenant();
        if (aggregates.read("orderRepository", Orders.aggregateId(tenant, r.orderId()), (Order o) -> Boolean.TRUE).isPresent()) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "An order with this id exists");
        }
        Instant now = clock.instant();
        PricedOrder priced = pricing.price(tenant, r.priceListId(), r.items(), now, Pricing.Discounts.NONE);
        // the settings once: how long the stock is held, and the warehouses' priority
        SalesSettings.View settings = aggregates.read("salesSettingsRepository", Orders.settingsId(tenant), SalesSettings::view)
                .orElse(SalesSettings.View.DEFAULTS);
        Duration ttl = settings.reservationTtl();

        PaymentProvider provider = providers.forMethod(r.paymentMethod());
        PaymentRef payment = null;
        if (provider != null) {
            try {
                payment = provider.create(tenant, r.orderId(), priced.total(), priced.currency(), "order-" + tenant + "-" + r.orderId());
            } catch (PaymentProvider.ProviderUnavailable e) {
                log.warn("Order {} of {} not placed: {}", r.orderId(), tenant, e.getMessage());
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
                        "The payment provider cannot be reached; nothing was reserved. Try again shortly");
            }
        }
        List<Allocation> reserved;
        try {
            reserved = reserve(actor, r, settings.warehousePriority());
        } catch (RuntimeException e) {
            placements.abandoned(tenant, r.orderId());
            withdraw(tenant, provider, payment, r.orderId());
            throw e;
        }
        Instant reservedUntil = now.plus(ttl);
        try {
            sender.send(actor, new PlaceOrder(tenant, r.orderId(), r.channel(), r.customerId(), r.clientId(), r.visitId(),
                    priced, reserved, r.paymentMethod(), payment, reservedUntil, r.shipping(), r.note()), answering.showing(null));
        } catch (RuntimeException e) {
            release(actor, reserved, "ORDER_NOT_PLACED");
            placements.abandoned(tenant, r.orderId());
            withdraw(tenant, provider, payment, r.orderId());
            throw e;
        }
    }

    /** Reserves the plan, location by location; a refusal releases what this attempt reserved and plans again. */
    private List<Allocation> reserve(Actor actor, Request r, List<String> priority) {
        for (int attempt = 1; ; attempt++) {
            List<Allocator.Part> plan = allocator.plan(actor.tenant(), r.items(), r.locationId(), priority);
            Map<String, List<Line>> byLocation = new LinkedHashMap<>();
            plan.forEach(p -> byLocation.computeIfAbsent(p.locationId(), k -> new ArrayList<>()).add(new Line(p.productId(), p.quantity())));
            String reservationId = attempt == 1 ? r.orderId() : r.orderId() + "~" + attempt;
            List<Allocation> done = new ArrayList<>();
            try {
                for (Map.Entry<String, List<Line>> at : byLocation.entrySet()) {
                    placements.reserving(actor.tenant(), r.orderId(), at.getKey(), reservationId);
                    sender.send(actor, new ReserveStock(actor.tenant(), at.getKey(), reservationId, DOCUMENT_KIND, r.orderId(), at.getValue()));
                    at.getValue().forEach(l -> done.add(new Allocation(at.getKey(), reservationId, l.productId(), l.quantity())));
                }
                return done;
            } catch (CommandRefused refused) {
                release(actor, done, "ORDER_NOT_PLACED");
                if (!"INSUFFICIENT_STOCK".equals(refused.code()) || attempt >= ATTEMPTS) {
                    throw refused;
                }
            }
        }
    }

    private void release(Actor actor, List<Allocation> allocations, String reason) {
        Map<String, String> reservations = new LinkedHashMap<>();
        allocations.forEach(a -> reservations.put(a.locationId(), a.reservationId()));
        reservations.forEach((location, reservation) -> {
            try {
                sender.send(actor, new ReleaseReservation(actor.tenant(), location, reservation, reason));
            } catch (RuntimeException e) {
                log.error("Reservation {} at {} of {} could not be released: {}", reservation, location, actor.tenant(), e.toString());
            }
        });
    }

    private static void withdraw(String tenant, PaymentProvider provider, PaymentRef payment, String orderId) {
        if (provider == null || payment == null) {
            return;
        }
        try {
            provider.cancel(tenant, payment.id(), "order-" + tenant + "-" + orderId + "-cancel");
        } catch (RuntimeException e) {
            // a payment of an order that does not exist is refunded if it is ever made (docs/commerce.md)
            log.warn("Payment {} of the order {} not placed could not be withdrawn: {}", payment.id(), orderId, e.toString());
        }
    }
}
