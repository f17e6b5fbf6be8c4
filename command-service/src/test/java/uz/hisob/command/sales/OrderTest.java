package uz.hisob.command.sales;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.sales.CancelOrder;
import uz.hisob.api.sales.CapturePayment;
import uz.hisob.api.sales.CompleteOrder;
import uz.hisob.api.sales.CompleteRefund;
import uz.hisob.api.sales.ConfirmReReservation;
import uz.hisob.api.sales.FulfilOrder;
import uz.hisob.api.sales.PlaceOrder;
import uz.hisob.api.sales.PricedOrder;
import uz.hisob.api.sales.ReturnOrderLines;
import uz.hisob.events.sales.Allocation;
import uz.hisob.events.sales.OrderCancelled;
import uz.hisob.events.sales.OrderCompleted;
import uz.hisob.events.sales.OrderExpired;
import uz.hisob.events.sales.OrderFulfilled;
import uz.hisob.events.sales.OrderLine;
import uz.hisob.events.sales.OrderLinesReturned;
import uz.hisob.events.sales.OrderPlaced;
import uz.hisob.events.sales.OrderReReserved;
import uz.hisob.events.sales.PaymentCaptured;
import uz.hisob.events.sales.PaymentRef;
import uz.hisob.events.sales.RefundCompleted;
import uz.hisob.events.sales.RefundRequested;
import uz.hisob.events.sales.Shipping;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of every command and the deadline an order decides. */
class OrderTest {

    static final String TENANT = "demo";
    static final String ID = "o1";
    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");
    static final Instant UNTIL = NOW.plus(Duration.ofMinutes(15));
    static final BigDecimal TOTAL = new BigDecimal("22400.00");
    static final PaymentRef PAYMENT = new PaymentRef("stripe", "pi_1", "pi_1_secret_x", null);
    static final List<OrderLine> LINES = List.of(new OrderLine("choy", 2, new BigDecimal("10000.00"), new BigDecimal("20000.00"),
            new BigDecimal("0.00"), new BigDecimal("12.00"), new BigDecimal("2400.00"), TOTAL));
    static final PricedOrder PRICED = new PricedOrder("pl", "UZS", false, LINES, new BigDecimal("20000.00"), new BigDecimal("0.00"),
            new BigDecimal("2400.00"), TOTAL);
    static final List<Allocation> HELD = List.of(new Allocation("sklad", ID, "choy", 2));

    AggregateTestFixture<Order> fixture;

    /** Order numbers per tenant in memory, as the table counts them. */
    static final class InMemoryOrderNumbers implements OrderNumbers {
        final Map<String, Long> last = new HashMap<>();

        @Override
        public long next(String tenant) {
            return last.merge(tenant, 1L, Long::sum);
        }
    }

    InMemoryPlacements placements;

    /** Placements in memory: an order's placement open until its order is recorded, or taken by the sweep. */
    static final class InMemoryPlacements implements OrderPlacements {
        final java.util.Set<String> open = new java.util.HashSet<>();

        @Override
        public void reserving(String tenant, String orderId, String locationId, String reservationId) {
            open.add(tenant + "/" + orderId);
        }

        @Override
        public boolean placed(String tenant, String orderId) {
            return open.remove(tenant + "/" + orderId);
        }

        @Override
        public void abandoned(String tenant, String orderId) {
            open.remove(tenant + "/" + orderId);
        }

        @Override
        public List<Orphan> takeOverdue(Duration grace, int limit) {
            return List.of();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.givenCurrentTime(NOW);
        fixture.registerInjectableResource(new InMemoryOrderNumbers());
        placements = new InMemoryPlacements();
        placements.open.add(TENANT + "/" + ID);
        fixture.registerInjectableResource(placements);
    }

    static PlaceOrder place(PaymentRef payment, String method) {
        return new PlaceOrder(TENANT, ID, "ONLINE", "customer", null, null, PRICED, HELD, method, payment, UNTIL,
                new Shipping("Chilonzor 9", null), null);
    }

    static OrderPlaced placed(String status, PaymentRef payment, String method) {
        return new OrderPlaced(TENANT, ID, 1, "ONLINE", "customer", null, null, "pl", "UZS", false, LINES, new BigDecimal("20000.00"),
                new BigDecimal("0.00"), new BigDecimal("2400.00"), TOTAL, HELD, method, payment, status,
                "PENDING_PAYMENT".equals(status) ? UNTIL : null, new Shipping("Chilonzor 9", null), null);
    }

    static OrderPlaced pending() {
        return placed("PENDING_PAYMENT", PAYMENT, "CARD");
    }

    static PaymentCaptured captured() {
        return new PaymentCaptured(ID, "stripe", "pi_1", TOTAL, "UZS", true, "webhook", "PENDING_PAYMENT");
    }

    static CapturePayment capture(String by) {
        return new CapturePayment(TENANT, ID, "pi_1", TOTAL, "UZS", by);
    }

    @Test
    void anUnpaidOrderHoldsItsStockUntilItsDeadlineAndTakesTheTenantsNextNumber() {
        fixture.givenNoPriorActivity().when(place(PAYMENT, "CARD"))
                .expectEvents(pending())
                .expectResultMessagePayload(new Order.Placed(ID, 1, "PENDING_PAYMENT", "22400.00", "UZS", UNTIL, PAYMENT))
                .expectScheduledDeadlineWithName(UNTIL, Order.EXPIRY);
        fixture.given(pending()).when(place(PAYMENT, "CARD")).expectNoEvents().expectException(refused("ALREADY_EXISTS"));
    }

    @Test
    void anOrderWhosePlacementTheSweepTookIsNotRecorded() {
        placements.open.clear(); // the sweep released its reservations
        fixture.givenNoPriorActivity().when(place(PAYMENT, "CARD")).expectNoEvents().expectException(refused("PLACEMENT_TIMED_OUT"));
    }

    @Test
    void cashOnDeliveryIsConfirmedAtOnceAndNeverExpires() {
        fixture.givenNoPriorActivity().when(place(null, "CASH_ON_DELIVERY"))
                .expectEvents(placed("CONFIRMED", null, "CASH_ON_DELIVERY"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theDeadlineExpiresAnOrderStillUnpaidAndReleasesWhatItHeld() {
        fixture.givenNoPriorActivity().andGivenCommands(place(PAYMENT, "CARD"))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectTriggeredDeadlinesWithName(Order.EXPIRY)
                .expectEvents(new OrderExpired(ID, HELD));
    }

    @Test
    void aCaptureConfirmsOnceAndLeavesTheDeadlineNothingToDo() {
        fixture.givenNoPriorActivity().andGivenCommands(place(PAYMENT, "CARD")).when(capture("webhook"))
                .expectEvents(captured());
        // its deadline then finds the order paid, and does nothing
        placements.open.add(TENANT + "/" + ID);
        fixture.givenNoPriorActivity().andGivenCommands(place(PAYMENT, "CARD"), capture("webhook"))
                .whenTimeElapses(Duration.ofMinutes(16)).expectNoEvents();
        // the client's return after the webhook: the same capture, nothing more
        fixture.given(pending(), captured()).when(capture("return")).expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void aCaptureOfAnotherPaymentOrAnotherAmountIsRefused() {
        fixture.given(pending()).when(new CapturePayment(TENANT, ID, "pi_other", TOTAL, "UZS", "webhook"))
                .expectNoEvents().expectException(refused("PAYMENT_MISMATCH"));
        fixture.given(pending()).when(new CapturePayment(TENANT, ID, "pi_1", new BigDecimal("1.00"), "UZS", "webhook"))
                .expectNoEvents().expectException(refused("AMOUNT_MISMATCH"));
        fixture.given(placed("CONFIRMED", null, "INVOICE")).when(capture("webhook")).expectNoEvents().expectException(refused("PAYMENT_MISMATCH"));
    }

    @Test
    void aPaymentAfterExpiryIsRecordedForTheProcessToReserveAgainOrRefund() {
        PaymentCaptured late = new PaymentCaptured(ID, "stripe", "pi_1", TOTAL, "UZS", false, "webhook", "EXPIRED");
        fixture.given(pending(), new OrderExpired(ID, HELD)).when(capture("webhook")).expectEvents(late);
        List<Allocation> again = List.of(new Allocation("sklad", ID + "~paid", "choy", 2));
        fixture.given(pending(), new OrderExpired(ID, HELD), late).when(new ConfirmReReservation(TENANT, ID, again))
                .expectEvents(new OrderReReserved(ID, again));
        // unpaid, an expired order is not reserved again
        fixture.given(pending(), new OrderExpired(ID, HELD)).when(new ConfirmReReservation(TENANT, ID, again))
                .expectNoEvents().expectException(refused("ORDER_NOT_EXPIRED"));
        // the process found no stock: cancelled with the reason, and the whole payment goes back
        fixture.given(pending(), new OrderExpired(ID, HELD), late).when(new CancelOrder(TENANT, ID, "PAID_AFTER_EXPIRY", null))
                .expectEvents(new OrderCancelled(ID, "PAID_AFTER_EXPIRY", List.of(), TOTAL),
                        new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", TOTAL, "UZS", "PAID_AFTER_EXPIRY"));
    }

    @Test
    void aPaymentForACancelledOrderIsRefunded() {
        fixture.given(pending(), new OrderCancelled(ID, "changed", HELD, BigDecimal.ZERO)).when(capture("webhook"))
                .expectEvents(new PaymentCaptured(ID, "stripe", "pi_1", TOTAL, "UZS", false, "webhook", "CANCELLED"),
                        new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", TOTAL, "UZS", "ORDER_CANCELLED"));
    }

    @Test
    void cancellingReleasesTheStockAndRefundsWhatWasPaidOnce() {
        fixture.given(pending(), captured()).when(new CancelOrder(TENANT, ID, "changed", null))
                .expectEvents(new OrderCancelled(ID, "changed", HELD, TOTAL),
                        new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", TOTAL, "UZS", "changed"));
        // the customer's own unpaid order: released, nothing to refund
        fixture.given(pending()).when(new CancelOrder(TENANT, ID, "changed", "customer"))
                .expectEvents(new OrderCancelled(ID, "changed", HELD, BigDecimal.ZERO));
        // twice: nothing more to give back
        fixture.given(pending(), captured(), new OrderCancelled(ID, "changed", HELD, TOTAL),
                        new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", TOTAL, "UZS", "changed"))
                .when(new CancelOrder(TENANT, ID, "again", null)).expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void cancellingIsRefusedToOtherCustomersAfterFulfilmentAndAfterAnUnpaidExpiry() {
        fixture.given(pending()).when(new CancelOrder(TENANT, ID, "mine", "someone-else")).expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD)).when(new CancelOrder(TENANT, ID, "late", null))
                .expectNoEvents().expectException(refused("ORDER_FULFILLED"));
        fixture.given(pending(), new OrderExpired(ID, HELD)).when(new CancelOrder(TENANT, ID, "late", null))
                .expectNoEvents().expectException(refused("ORDER_EXPIRED"));
    }

    @Test
    void onlyAConfirmedOrderIsFulfilledAndOnlyAFulfilledOneCompleted() {
        fixture.given(pending()).when(new FulfilOrder(TENANT, ID)).expectNoEvents().expectException(refused("ORDER_NOT_CONFIRMED"));
        fixture.given(pending(), captured()).when(new FulfilOrder(TENANT, ID)).expectEvents(new OrderFulfilled(ID, HELD));
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD)).when(new FulfilOrder(TENANT, ID)).expectNoEvents();
        fixture.given(pending(), captured()).when(new CompleteOrder(TENANT, ID)).expectNoEvents().expectException(refused("ORDER_NOT_FULFILLED"));
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD)).when(new CompleteOrder(TENANT, ID))
                .expectEvents(new OrderCompleted(ID));
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD), new OrderCompleted(ID)).when(new CompleteOrder(TENANT, ID))
                .expectNoEvents();
    }

    @Test
    void returnsRefundProRataNeverBeyondWhatWasFulfilledAndAWholeLineExactly() {
        Object[] fulfilled = {pending(), captured(), new OrderFulfilled(ID, HELD)};
        // one of two: half the line, 11 200.00
        fixture.given(fulfilled).when(new ReturnOrderLines(TENANT, ID, "r1", List.of(new uz.hisob.api.inventory.Line("choy", 1)), "broken", true))
                .expectEvents(new OrderLinesReturned(ID, "r1", List.of(new OrderLinesReturned.Returned("choy", 1, new BigDecimal("11200.00"), "sklad")),
                                new BigDecimal("11200.00"), "broken", true),
                        new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", new BigDecimal("11200.00"), "UZS", "RETURN"));
        OrderLinesReturned first = new OrderLinesReturned(ID, "r1", List.of(new OrderLinesReturned.Returned("choy", 1, new BigDecimal("11200.00"),
                "sklad")), new BigDecimal("11200.00"), "broken", true);
        RefundRequested firstRefund = new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", new BigDecimal("11200.00"), "UZS", "RETURN");
        // two more than the one left: refused, with what may come back
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD), first, firstRefund)
                .when(new ReturnOrderLines(TENANT, ID, "r2", List.of(new uz.hisob.api.inventory.Line("choy", 2)), "more", false))
                .expectNoEvents().expectException(refused("RETURN_EXCEEDS_ORDER",
                        Map.of("lines", List.of(Map.of("productId", "choy", "requested", 2L, "returnable", 1L)))));
        // the last one: what is left of the line
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD), first, firstRefund)
                .when(new ReturnOrderLines(TENANT, ID, "r2", List.of(new uz.hisob.api.inventory.Line("choy", 1)), "more", false))
                .expectEvents(new OrderLinesReturned(ID, "r2", List.of(new OrderLinesReturned.Returned("choy", 1, new BigDecimal("11200.00"), "sklad")),
                                new BigDecimal("11200.00"), "more", false),
                        new RefundRequested(ID, ID + "-refund-2", "stripe", "pi_1", new BigDecimal("11200.00"), "UZS", "RETURN"));
        // the same return id twice, a product not in the order, an order not fulfilled
        fixture.given(pending(), captured(), new OrderFulfilled(ID, HELD), first, firstRefund)
                .when(new ReturnOrderLines(TENANT, ID, "r1", List.of(new uz.hisob.api.inventory.Line("choy", 1)), "again", false))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(fulfilled).when(new ReturnOrderLines(TENANT, ID, "r3", List.of(new uz.hisob.api.inventory.Line("non", 1)), "x", false))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        fixture.given(pending(), captured()).when(new ReturnOrderLines(TENANT, ID, "r3", List.of(new uz.hisob.api.inventory.Line("choy", 1)), "x", false))
                .expectNoEvents().expectException(refused("ORDER_NOT_FULFILLED"));
        // an invoice order: the goods come back, the money is settled outside (nothing to refund here)
        fixture.given(placed("CONFIRMED", null, "INVOICE"), new OrderFulfilled(ID, HELD))
                .when(new ReturnOrderLines(TENANT, ID, "r1", List.of(new uz.hisob.api.inventory.Line("choy", 2)), "x", true))
                .expectEvents(new OrderLinesReturned(ID, "r1", List.of(new OrderLinesReturned.Returned("choy", 2, TOTAL, "sklad")),
                        new BigDecimal("0.00"), "x", true));
    }

    @Test
    void aRefundIsRecordedDoneOnce() {
        RefundRequested requested = new RefundRequested(ID, ID + "-refund-1", "stripe", "pi_1", TOTAL, "UZS", "changed");
        Object[] history = {pending(), captured(), new OrderCancelled(ID, "changed", HELD, TOTAL), requested};
        fixture.given(history).when(new CompleteRefund(TENANT, ID, ID + "-refund-1", "re_1"))
                .expectEvents(new RefundCompleted(ID, ID + "-refund-1", "re_1"));
        fixture.given(pending(), captured(), new OrderCancelled(ID, "changed", HELD, TOTAL), requested,
                new RefundCompleted(ID, ID + "-refund-1", "re_1")).when(new CompleteRefund(TENANT, ID, ID + "-refund-1", "re_1")).expectNoEvents();
        fixture.given(history).when(new CompleteRefund(TENANT, ID, "nope", "re_1")).expectNoEvents().expectException(refused("NOT_FOUND"));
    }
}
