package uz.hisob.command.sales;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.Quantities;
import uz.hisob.api.sales.CloseCart;
import uz.hisob.api.sales.CreateCart;
import uz.hisob.api.sales.Orders;
import uz.hisob.api.sales.PricedOrder;
import uz.hisob.api.sales.SetCartLine;
import uz.hisob.command.sales.pricing.Pricing;
import uz.hisob.events.sales.CartChanged;
import uz.hisob.events.sales.CartCreated;
import uz.hisob.events.sales.CartOrdered;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A cart (commerce.md "Carts and orders"): a customer's lines, priced by the server at each change through the one
 * {@link Pricing} (so a product without a price, or archived, never gets into it), holding no stock. Ordered once:
 * then closed.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Cart {

    static final int MAX_LINES = 200;

    @AggregateIdentifier
    private String id;
    private String tenant;
    private String customerId;
    private String priceListId;
    private String locationId;
    private Map<String, Long> lines = new LinkedHashMap<>();
    private String orderId;

    /** What placing an order from the cart needs. */
    public record Contents(String customerId, String priceListId, String locationId, Map<String, Long> lines, String orderId) {
    }

    protected Cart() {
        // for Axon
    }

    @CommandHandler
    public Cart(CreateCart cmd, Pricing pricing, uz.hisob.command.inventory.LocationDirectory locations) {
        if (cmd.priceListId() != null) {
            pricing.requirePriceList(cmd.tenant(), cmd.priceListId());
        }
        if (cmd.locationId() != null && locations.kindOf(cmd.tenant(), cmd.locationId()) == null) {
            throw CommandRefused.invalid("locationId", "no such location");
        }
        apply(new CartCreated(cmd.tenant(), cmd.cartId(), cmd.customerId(), cmd.priceListId(), cmd.locationId()));
    }

    @CommandHandler
    public void handle(SetCartLine cmd, Pricing pricing, Clock clock) {
        if (cmd.customerId() != null && !cmd.customerId().equals(customerId)) {
            throw CommandRefused.notFound("Cart not found");
        }
        if (orderId != null) {
            throw CommandRefused.conflict("CART_ORDERED", "The cart became order " + orderId, Map.of("orderId", orderId));
        }
        if (cmd.quantity() < 0 || cmd.quantity() > Quantities.MAX_PER_COMMAND) {
            throw CommandRefused.invalid("quantity", "must be 0 to " + Quantities.MAX_PER_COMMAND);
        }
        Map<String, Long> after = new LinkedHashMap<>(lines);
        if (cmd.quantity() == 0) {
            after.remove(cmd.productId());
        } else {
            after.put(cmd.productId(), cmd.quantity());
        }
        if (after.size() > MAX_LINES) {
            throw CommandRefused.invalid("productId", "a cart holds at most " + MAX_LINES + " products");
        }
        Instant now = clock.instant();
        if (after.isEmpty()) {
            apply(new CartChanged(cmd.cartId(), cmd.productId(), 0, List.of(), null, null, null, null, null, now));
            return;
        }
        List<Pricing.Item> items = new ArrayList<>();
        after.forEach((p, q) -> items.add(new Pricing.Item(p, q)));
        PricedOrder priced;
        try {
            priced = pricing.price(tenant, priceListId, items, now, Pricing.Discounts.NONE);
        } catch (CommandRefused refused) {
            if (refused.field() != null && refused.field().startsWith("lines[")) {
                throw CommandRefused.invalid("productId", "no such product");
            }
            throw refused;
        }
        apply(new CartChanged(cmd.cartId(), cmd.productId(), cmd.quantity(), priced.lines(), priced.currency(), priced.subtotal(),
                priced.discountTotal(), priced.taxTotal(), priced.total(), now));
    }

    @CommandHandler
    public void handle(CloseCart cmd) {
        if (orderId == null) {
            apply(new CartOrdered(cmd.cartId(), cmd.orderId()));
        }
    }

    public Contents contents() {
        return new Contents(customerId, priceListId, locationId, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lines)), orderId);
    }

    @EventSourcingHandler
    void on(CartCreated e) {
        id = Orders.cartAggregateId(e.tenant(), e.cartId());
        tenant = e.tenant();
        customerId = e.customerId();
        priceListId = e.priceListId();
        locationId = e.locationId();
    }

    @EventSourcingHandler
    void on(CartChanged e) {
        if (e.quantity() == 0) {
            lines.remove(e.productId());
        } else {
            lines.put(e.productId(), e.quantity());
        }
    }

    @EventSourcingHandler
    void on(CartOrdered e) {
        orderId = e.orderId();
    }
}
