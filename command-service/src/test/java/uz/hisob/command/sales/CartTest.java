package uz.hisob.command.sales;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.sales.CloseCart;
import uz.hisob.api.sales.CreateCart;
import uz.hisob.api.sales.PricedOrder;
import uz.hisob.api.sales.SetCartLine;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.inventory.LocationDirectory;
import uz.hisob.command.sales.pricing.Pricing;
import uz.hisob.events.sales.CartChanged;
import uz.hisob.events.sales.CartCreated;
import uz.hisob.events.sales.CartOrdered;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of a cart: priced at each change by the one pricing, its customer's own, ordered once. */
class CartTest {

    static final String TENANT = "demo";
    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");

    /** The pricing on a catalogue of two products in one list ("choy" 10 000.00 at 12 %, "non" 3 000.00), no reads. */
    static final class FixedPricing extends Pricing {
        FixedPricing() {
            super(null);
        }

        @Override
        public PricedOrder price(String tenant, String priceListId, List<Item> items, Instant at, Discounts discounts) {
            Map<String, Catalogue.Quote> quotes = Map.of(
                    "choy", new Catalogue.Quote("pl", "UZS", false, "choy", new BigDecimal("10000.00"), new BigDecimal("12"), "pcs", false),
                    "non", new Catalogue.Quote("pl", "UZS", false, "non", new BigDecimal("3000.00"), null, "pcs", false));
            for (int i = 0; i < items.size(); i++) {
                if (!quotes.containsKey(items.get(i).productId())) {
                    throw CommandRefused.invalid("lines[" + i + "].productId", "no such product");
                }
            }
            return priced(items.stream().map(i -> quotes.get(i.productId())).toList(), items, discounts);
        }

        @Override
        public void requirePriceList(String tenant, String priceListId) {
            if (!"pl".equals(priceListId)) {
                throw CommandRefused.invalid("priceListId", "no such price list");
            }
        }
    }

    AggregateTestFixture<Cart> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
        fixture.registerInjectableResource(new FixedPricing());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new LocationDirectory() {
            @Override
            public void register(String tenant, String locationId, String kind) {
            }

            @Override
            public List<String> warehouses(String tenant) {
                return List.of("sklad");
            }

            @Override
            public String kindOf(String tenant, String locationId) {
                return "sklad".equals(locationId) ? "WAREHOUSE" : null;
            }
        });
    }

    static CartCreated created() {
        return new CartCreated(TENANT, "c1", "customer", "pl", null);
    }

    @Test
    void aCartIsOpenedWithAListThatExists() {
        fixture.givenNoPriorActivity().when(new CreateCart(TENANT, "c1", "customer", "pl", null)).expectEvents(created());
        fixture.givenNoPriorActivity().when(new CreateCart(TENANT, "c1", "customer", "nope", null))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        fixture.givenNoPriorActivity().when(new CreateCart(TENANT, "c1", "customer", null, "nowhere"))
                .expectNoEvents().expectExceptionMessage("no such location");
    }

    @Test
    void eachChangeIsPricedByTheServerAndZeroRemovesALine() {
        fixture.given(created()).when(new SetCartLine(TENANT, "c1", "choy", 2, "customer"))
                .expectEvents(new CartChanged("c1", "choy", 2, List.of(new uz.hisob.events.sales.OrderLine("choy", 2, new BigDecimal("10000.00"),
                        new BigDecimal("20000.00"), new BigDecimal("0.00"), new BigDecimal("12"), new BigDecimal("2400.00"), new BigDecimal("22400.00"))),
                        "UZS", new BigDecimal("20000.00"), new BigDecimal("0.00"), new BigDecimal("2400.00"), new BigDecimal("22400.00"), NOW));
        CartChanged two = new CartChanged("c1", "choy", 2, List.of(), "UZS", null, null, null, null, NOW);
        fixture.given(created(), two).when(new SetCartLine(TENANT, "c1", "choy", 0, null))
                .expectEvents(new CartChanged("c1", "choy", 0, List.of(), null, null, null, null, null, NOW));
        fixture.given(created()).when(new SetCartLine(TENANT, "c1", "sut", 1, "customer"))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
    }

    @Test
    void anotherCustomersCartIsNotFoundAndAnOrderedCartChangesNoMore() {
        fixture.given(created()).when(new SetCartLine(TENANT, "c1", "choy", 1, "someone-else"))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(created(), new CartOrdered("c1", "o1")).when(new SetCartLine(TENANT, "c1", "choy", 1, "customer"))
                .expectNoEvents().expectException(refused("CART_ORDERED"));
        fixture.given(created()).when(new CloseCart(TENANT, "c1", "o1")).expectEvents(new CartOrdered("c1", "o1"));
        fixture.given(created(), new CartOrdered("c1", "o1")).when(new CloseCart(TENANT, "c1", "o2")).expectNoEvents();
    }
}
