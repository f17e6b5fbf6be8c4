package uz.hisob.command.inventory;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.TenantScoped;
import uz.hisob.api.inventory.BookTransferArrival;
import uz.hisob.api.inventory.CountStock;
import uz.hisob.api.inventory.DispatchTransfer;
import uz.hisob.api.inventory.FulfilReservation;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.OpenLocation;
import uz.hisob.api.inventory.ReceiptLine;
import uz.hisob.api.inventory.ReceiveStock;
import uz.hisob.api.inventory.ReceiveTransfer;
import uz.hisob.api.inventory.ReleaseReservation;
import uz.hisob.api.inventory.ReserveStock;
import uz.hisob.api.inventory.ReturnStock;
import uz.hisob.api.inventory.SetMinimums;
import uz.hisob.api.inventory.TakeStock;
import uz.hisob.api.inventory.UpdateLocation;
import uz.hisob.api.inventory.WriteOffStock;
import uz.hisob.command.platform.InMemoryRecordIds;
import uz.hisob.events.inventory.LocationOpened;
import uz.hisob.events.inventory.LocationUpdated;
import uz.hisob.events.inventory.MinimumsSet;
import uz.hisob.events.inventory.ReservationFulfilled;
import uz.hisob.events.inventory.ReservationReleased;
import uz.hisob.events.inventory.StockCounted;
import uz.hisob.events.inventory.StockLine;
import uz.hisob.events.inventory.StockReceived;
import uz.hisob.events.inventory.StockReserved;
import uz.hisob.events.inventory.StockReturned;
import uz.hisob.events.inventory.StockTaken;
import uz.hisob.events.inventory.StockWrittenOff;
import uz.hisob.events.inventory.TransferArrived;
import uz.hisob.events.inventory.TransferDispatched;
import uz.hisob.events.inventory.TransferReceived;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static uz.hisob.command.platform.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Given/when/then tests of a stock location's command handlers, each with its refusals. */
class StockLocationTest {

    static final String TENANT = "demo";
    static final String L = "chilonzor";
    static final String AGGREGATE = uz.hisob.api.inventory.StockLocations.aggregateId(TENANT, L);
    // 2026-03-31 20:30 UTC is already 1 April in Tashkent (UTC+5)
    static final Instant NOW = Instant.parse("2026-03-31T20:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    AggregateTestFixture<StockLocation> fixture;
    InMemoryRecordIds recordIds;
    InMemoryTransferRoutes routes;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockLocation.class);
        // the fixture's time: the given events carry it as their timestamp (a product's last movement)
        fixture.givenCurrentTime(NOW);
        fixture.registerInjectableResource(CLOCK);
        recordIds = new InMemoryRecordIds();
        fixture.registerInjectableResource(recordIds);
        routes = new InMemoryTransferRoutes();
        fixture.registerInjectableResource(routes);
        // the locations of the tenant, as the event store knows them
        fixture.registerInjectableResource((Locations) (tenant, locationId) -> TENANT.equals(tenant) && Set.of(L, "sklad").contains(locationId));
        directory = new InMemoryLocationDirectory();
        fixture.registerInjectableResource(directory);
    }

    InMemoryLocationDirectory directory;

    /** The directory of locations by kind, in memory. */
    static final class InMemoryLocationDirectory implements LocationDirectory {
        final Map<String, String> kinds = new java.util.TreeMap<>();

        @Override
        public void register(String tenant, String locationId, String kind) {
            kinds.putIfAbsent(tenant + "/" + locationId, kind);
        }

        @Override
        public List<String> warehouses(String tenant) {
            return kinds.entrySet().stream().filter(e -> e.getKey().startsWith(tenant + "/") && e.getValue().equals("WAREHOUSE"))
                    .map(e -> e.getKey().substring(tenant.length() + 1)).toList();
        }

        @Override
        public String kindOf(String tenant, String locationId) {
            return kinds.get(tenant + "/" + locationId);
        }
    }

    /** Transfer routes in memory, as the table keeps them: an id once per tenant. */
    static final class InMemoryTransferRoutes implements TransferRoutes {
        final Map<String, Route> routes = new HashMap<>();

        @Override
        public boolean open(String tenant, String transferId, String fromLocationId, String toLocationId) {
            return routes.putIfAbsent(tenant + "\n" + transferId, new Route(fromLocationId, toLocationId)) == null;
        }

        @Override
        public java.util.Optional<Route> find(String tenant, String transferId) {
            return java.util.Optional.ofNullable(routes.get(tenant + "\n" + transferId));
        }

        final Map<String, List<Line>> received = new HashMap<>();
        final Set<String> arrived = new java.util.HashSet<>();

        @Override
        public void received(String tenant, String transferId, String receivedBy, List<Line> lines) {
            received.put(tenant + "\n" + transferId, lines);
        }

        @Override
        public void arrived(String tenant, String transferId) {
            arrived.add(tenant + "\n" + transferId);
        }

        @Override
        public List<PendingArrival> pendingArrivals(java.time.Instant receivedBefore, int limit) {
            return List.of();
        }
    }

    static LocationOpened opened() {
        return new LocationOpened(TENANT, L, "Chilonzor do'koni", "SHOP", "Chilonzor 9", "Asia/Tashkent");
    }

    /** 10 of "non" and 4 of "choy" on hand. */
    static StockReceived stocked() {
        return new StockReceived(L, "r1", List.of(new StockReceived.Line("non", 10, new BigDecimal("3500.00"), "UZS"),
                new StockReceived.Line("choy", 4, null, null)), "Bakery", LocalDate.parse("2026-04-01"), null);
    }

    static List<Line> lines(Object... pairs) {
        List<Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            lines.add(new Line((String) pairs[i], ((Number) pairs[i + 1]).longValue()));
        }
        return lines;
    }

    static List<StockLine> stock(Object... pairs) {
        return lines(pairs).stream().map(l -> new StockLine(l.productId(), l.quantity())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> shortages(Throwable e) {
        return (List<Map<String, Object>>) ((CommandRefused) e).details().get("shortages");
    }

    // ---- locations

    @Test
    void openLocationDefaultsToTashkentsZone() {
        fixture.givenNoPriorActivity()
                .when(new OpenLocation(TENANT, L, "Chilonzor do'koni", "SHOP", "Chilonzor 9", null))
                .expectEvents(opened());
        // the allocation of orders learns the location's kind in the same transaction
        assertThat(directory.kindOf(TENANT, L)).isEqualTo("SHOP");
        assertThat(directory.warehouses(TENANT)).isEmpty();
    }

    @Test
    void openLocationRefusesAnUnknownKindOrZone() {
        fixture.givenNoPriorActivity().when(new OpenLocation(TENANT, L, "X", "GARAGE", null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be WAREHOUSE or SHOP");
        fixture.givenNoPriorActivity().when(new OpenLocation(TENANT, L, "X", "SHOP", null, "Mars/Olympus"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is not an IANA zone");
    }

    @Test
    void updateLocation() {
        fixture.given(opened()).when(new UpdateLocation(TENANT, L, "Chilonzor 2", "Qatortol 1"))
                .expectEvents(new LocationUpdated(L, "Chilonzor 2", "Qatortol 1"));
    }

    // ---- receipts

    @Test
    void receiptDefaultsToTodayInTheLocationsZoneAndKeepsUnitCosts() {
        fixture.given(opened())
                .when(new ReceiveStock(TENANT, L, "r1", List.of(new ReceiptLine("non", 10, new BigDecimal("3500.00"), "UZS"),
                        new ReceiptLine("choy", 4, null, "UZS")), "Bakery", null, null))
                .expectEvents(stocked());
        assertThat(recordIds.isClaimed(AGGREGATE, "r1")).isTrue();
    }

    @Test
    void receiptRefusals() {
        fixture.given(opened()).when(new ReceiveStock(TENANT, L, "r1", List.of(new ReceiptLine("non", 0, null, null)), null, null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be between 1 and 1000000000000");
        fixture.given(opened()).when(new ReceiveStock(TENANT, L, "r1", List.of(new ReceiptLine("non", 1, null, null),
                        new ReceiptLine("non", 2, null, null)), null, null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is listed twice");
        fixture.given(opened()).when(new ReceiveStock(TENANT, L, "r1", List.of(new ReceiptLine("non", 1, new BigDecimal("-1"), "UZS")),
                        null, null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must not be negative");
        fixture.given(opened()).when(new ReceiveStock(TENANT, L, "r1", List.of(new ReceiptLine("non", 1, null, null)), null,
                        LocalDate.parse("2026-04-02"), null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must not be in the future (today is 2026-04-01 in Asia/Tashkent)");
        fixture.given(opened()).when(new ReceiveStock(TENANT, L, "r1", List.of(), null, null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must hold 1 to 1000 lines");
    }

    @Test
    void aReceiptIdIsUsedOnce() {
        recordIds.claim(AGGREGATE, "r1");
        fixture.given(opened()).when(new ReceiveStock(TENANT, L, "r1", List.of(new ReceiptLine("non", 1, null, null)), null, null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("This location already has a receipt with id r1");
    }

    @Test
    void stockBeyondTheLargestNumberIsRefused() {
        StockReceived huge = new StockReceived(L, "big", List.of(new StockReceived.Line("non", Long.MAX_VALUE - 5, null, null)), null,
                LocalDate.parse("2026-04-01"), null);
        fixture.given(opened(), huge).when(new ReceiveStock(TENANT, L, "r2", List.of(new ReceiptLine("non", 6, null, null)), null, null, null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("would take the stock beyond " + Long.MAX_VALUE);
    }

    // ---- takes: all lines or none, never beyond what is available

    @Test
    void takeOfEveryLine() {
        fixture.given(opened(), stocked()).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 10, "choy", 1)))
                .expectEvents(new StockTaken(L, "t1", "SALE", "s1", stock("non", 10, "choy", 1)));
    }

    @Test
    void takeBeyondWhatIsAvailableTakesNothingAndListsEveryShortage() {
        fixture.given(opened(), stocked()).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 11, "choy", 5, "olma", 1)))
                .expectNoEvents()
                .expectException(refused("INSUFFICIENT_STOCK"))
                .expectExceptionMessage("Not enough stock");
        // the refusal's details, from the handler itself
        CommandRefused e = org.junit.jupiter.api.Assertions.assertThrows(CommandRefused.class, () -> {
            StockLocation location = rebuilt(opened(), stocked());
            location.handle(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 11, "choy", 5, "olma", 1)), recordIds);
        });
        assertThat(shortages(e)).containsExactly(
                Map.of("productId", "non", "locationId", L, "requested", 11L, "available", 10L),
                Map.of("productId", "choy", "locationId", L, "requested", 5L, "available", 4L),
                Map.of("productId", "olma", "locationId", L, "requested", 1L, "available", 0L));
    }

    @Test
    void reservedStockIsNotAvailableToATake() {
        StockReserved order = new StockReserved(L, "res1", "ORDER", "o1", stock("non", 8));
        fixture.given(opened(), stocked(), order).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 3)))
                .expectNoEvents().expectException(refused("INSUFFICIENT_STOCK"));
        fixture.given(opened(), stocked(), order).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 2)))
                .expectEvents(new StockTaken(L, "t1", "SALE", "s1", stock("non", 2)));
    }

    @Test
    void takeRefusesALineListedTwiceAndATakeIdUsedBefore() {
        fixture.given(opened(), stocked()).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 1, "non", 1)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is listed twice");
        recordIds.claim(AGGREGATE, "t1");
        fixture.given(opened(), stocked()).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 1)))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
    }

    @Test
    void returnAddsStock() {
        fixture.given(opened(), stocked()).when(new ReturnStock(TENANT, L, "ret1", "SALE", "s1", lines("non", 2)))
                .expectEvents(new StockReturned(L, "ret1", "SALE", "s1", stock("non", 2)));
    }

    // ---- reservations

    @Test
    void reserveReleaseAndFulfil() {
        StockReserved reserved = new StockReserved(L, "res1", "ORDER", "o1", stock("non", 6, "choy", 4));
        fixture.given(opened(), stocked()).when(new ReserveStock(TENANT, L, "res1", "ORDER", "o1", lines("non", 6, "choy", 4)))
                .expectEvents(reserved);
        fixture.given(opened(), stocked(), reserved).when(new ReleaseReservation(TENANT, L, "res1", "cancelled"))
                .expectEvents(new ReservationReleased(L, "res1", stock("choy", 4, "non", 6), "cancelled"));
        fixture.given(opened(), stocked(), reserved).when(new FulfilReservation(TENANT, L, "res1"))
                .expectEvents(new ReservationFulfilled(L, "res1", stock("choy", 4, "non", 6)));
    }

    @Test
    void aReservationIsReleasedOrFulfilledOnce() {
        StockReserved reserved = new StockReserved(L, "res1", "ORDER", "o1", stock("non", 6));
        ReservationReleased released = new ReservationReleased(L, "res1", stock("non", 6), "cancelled");
        fixture.given(opened(), stocked(), reserved, released).when(new FulfilReservation(TENANT, L, "res1"))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(opened(), stocked(), reserved, released).when(new ReleaseReservation(TENANT, L, "res1", null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        // released: the units are available again
        fixture.given(opened(), stocked(), reserved, released).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 10)))
                .expectEvents(new StockTaken(L, "t1", "SALE", "s1", stock("non", 10)));
    }

    @Test
    void aReservationBeyondWhatIsAvailableReservesNothing() {
        fixture.given(opened(), stocked(), new StockReserved(L, "res1", "ORDER", "o1", stock("non", 6)))
                .when(new ReserveStock(TENANT, L, "res2", "ORDER", "o2", lines("non", 5, "choy", 1)))
                .expectNoEvents().expectException(refused("INSUFFICIENT_STOCK"));
    }

    // ---- write-offs

    @Test
    void writeOff() {
        fixture.given(opened(), stocked()).when(new WriteOffStock(TENANT, L, "w1", lines("non", 2), "stale", null))
                .expectEvents(new StockWrittenOff(L, "w1", stock("non", 2), "stale", LocalDate.parse("2026-04-01")));
    }

    @Test
    void writeOffOfReservedUnitsIsRefused() {
        fixture.given(opened(), stocked(), new StockReserved(L, "res1", "ORDER", "o1", stock("non", 9)))
                .when(new WriteOffStock(TENANT, L, "w1", lines("non", 2), "stale", null))
                .expectNoEvents().expectException(refused("INSUFFICIENT_STOCK"));
    }

    // ---- counts

    @Test
    void countAdjustsToWhatWasCountedAndAnswersTheDifferences() {
        fixture.given(opened(), stocked())
                .when(new CountStock(TENANT, L, "c1", null, lines("non", 7, "choy", 4)))
                .expectEvents(new StockCounted(L, "c1", NOW, List.of(new StockCounted.Line("non", 10, 7, -3),
                        new StockCounted.Line("choy", 4, 4, 0))))
                .expectResultMessagePayload(new StockLocation.CountAnswer(List.of(new StockCounted.Line("non", 10, 7, -3))));
    }

    @Test
    void countRefusals() {
        fixture.given(opened(), stocked()).when(new CountStock(TENANT, L, "c1", NOW.plusSeconds(1), lines("non", 7)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must not be in the future");
        fixture.given(opened(), stocked()).when(new CountStock(TENANT, L, "c1", null, lines("non", 7, "non", 7)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("is counted twice");
        // fewer than reserved: available would fall below zero
        fixture.given(opened(), stocked(), new StockReserved(L, "res1", "ORDER", "o1", stock("non", 8)))
                .when(new CountStock(TENANT, L, "c1", null, lines("non", 7)))
                .expectNoEvents().expectException(refused("COUNT_BELOW_RESERVED"));
    }

    @Test
    void aCountDatedBeforeTheProductsLastMovementIsRefused() {
        // the given events are stamped NOW, later than this count's instant
        fixture.given(opened(), stocked())
                .when(new CountStock(TENANT, L, "c1", Instant.parse("2020-01-01T00:00:00Z"), lines("non", 7)))
                .expectNoEvents().expectException(refused("COUNT_OUTDATED"));
    }

    // ---- minimums

    @Test
    void setMinimums() {
        fixture.given(opened()).when(new SetMinimums(TENANT, L, lines("non", 5, "choy", 0)))
                .expectEvents(new MinimumsSet(L, List.of(new MinimumsSet.Minimum("non", 5), new MinimumsSet.Minimum("choy", 0))));
        fixture.given(opened()).when(new SetMinimums(TENANT, L, lines("non", -1)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be between 0 and 1000000000000");
    }

    // ---- transfers

    static TransferDispatched dispatched() {
        return new TransferDispatched(L, "tr1", "sklad", stock("non", 6, "choy", 2));
    }

    @Test
    void dispatchTakesEveryLineAtOnce() {
        fixture.given(opened(), stocked()).when(new DispatchTransfer(TENANT, L, "tr1", "sklad", lines("non", 6, "choy", 2)))
                .expectEvents(dispatched())
                .expectResultMessagePayload(new StockLocation.DispatchAnswer("IN_TRANSIT"));
        assertThat(routes.find(TENANT, "tr1")).contains(new TransferRoutes.Route(L, "sklad"));
        // the id is the tenant's: another dispatch with it, from any location, is refused
        fixture.given(opened(), stocked()).when(new DispatchTransfer(TENANT, L, "tr1", "sklad", lines("non", 1)))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(opened(), stocked()).when(new DispatchTransfer(TENANT, L, "tr2", "nowhere", lines("non", 1)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("no such location");
        assertThat(routes.find(TENANT, "tr2")).as("a refused dispatch opens no route").isEmpty();
        fixture.given(opened(), stocked()).when(new DispatchTransfer(TENANT, L, "tr1", "sklad", lines("non", 6, "choy", 5)))
                .expectNoEvents().expectException(refused("INSUFFICIENT_STOCK"));
        fixture.given(opened(), stocked()).when(new DispatchTransfer(TENANT, L, "tr1", L, lines("non", 1)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be another location than the source");
        // what is in transit is gone from the source
        fixture.given(opened(), stocked(), dispatched()).when(new TakeStock(TENANT, L, "t1", "SALE", "s1", lines("non", 5)))
                .expectNoEvents().expectException(refused("INSUFFICIENT_STOCK"));
    }

    @Test
    void receiptOfATransferBooksWhatDidNotArriveAsLoss() {
        fixture.given(opened(), stocked(), dispatched())
                .when(new ReceiveTransfer(TENANT, L, "tr1", lines("non", 5)))
                .expectEvents(new TransferReceived(L, "tr1", "sklad", List.of(new TransferReceived.Line("choy", 2, 2, 0),
                        new TransferReceived.Line("non", 6, 5, 1))))
                .expectResultMessagePayload(new StockLocation.TransferAnswer("RECEIVED", List.of(new TransferReceived.Line("choy", 2, 2, 0),
                        new TransferReceived.Line("non", 6, 5, 1))));
        // what arrived is noted for the destination's booking
        assertThat(routes.received.get(TENANT + "\n" + "tr1")).isEqualTo(List.of(new Line("choy", 2), new Line("non", 5)));
    }

    @Test
    void receiptOfATransferRefusals() {
        fixture.given(opened(), stocked(), dispatched()).when(new ReceiveTransfer(TENANT, L, "tr1", lines("non", 7)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be between 0 and the 6 sent");
        fixture.given(opened(), stocked(), dispatched()).when(new ReceiveTransfer(TENANT, L, "tr1", lines("olma", 1)))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("was not sent in this transfer");
        fixture.given(opened(), stocked()).when(new ReceiveTransfer(TENANT, L, "tr9", lines()))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        // received once (every line in full), then again: the first receipt claimed the transfer's receipt
        TransferReceived received = new TransferReceived(L, "tr1", "sklad", List.of(new TransferReceived.Line("choy", 2, 2, 0),
                new TransferReceived.Line("non", 6, 6, 0)));
        fixture.given(opened(), stocked(), dispatched()).when(new ReceiveTransfer(TENANT, L, "tr1", lines()))
                .expectEvents(received);
        fixture.given(opened(), stocked(), dispatched(), received)
                .when(new ReceiveTransfer(TENANT, L, "tr1", lines()))
                .expectNoEvents().expectException(refused("ALREADY_RECEIVED"));
    }

    @Test
    void anArrivalIsBookedOncePerTransfer() {
        LocationOpened sklad = new LocationOpened(TENANT, "sklad", "Sklad", "WAREHOUSE", null, "Asia/Tashkent");
        fixture.given(sklad).when(new BookTransferArrival(TENANT, "sklad", "tr1", L, lines("non", 5, "choy", 0)))
                .expectEvents(new TransferArrived("sklad", "tr1", L, stock("non", 5)));
        assertThat(routes.arrived).containsExactly(TENANT + "\n" + "tr1");
        // asked again (the first booking above claimed the transfer's arrival): done already, nothing booked twice
        fixture.given(sklad, new TransferArrived("sklad", "tr1", L, stock("non", 5)))
                .when(new BookTransferArrival(TENANT, "sklad", "tr1", L, lines("non", 5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** The state a location has after these events, for checks the fixture cannot express (a refusal's details). */
    private static StockLocation rebuilt(Object... events) {
        StockLocation location = new StockLocation();
        for (Object e : events) {
            switch (e) {
                case LocationOpened o -> location.on(o);
                case StockReceived r -> location.on(r, NOW);
                case StockReserved r -> location.on(r, NOW);
                default -> throw new IllegalArgumentException("not supported here: " + e);
            }
        }
        return location;
    }
}
