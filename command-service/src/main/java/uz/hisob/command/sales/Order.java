package uz.hisob.command.sales;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
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
import uz.hisob.events.sales.OrderLinesReturned;
import uz.hisob.events.sales.OrderPlaced;
import uz.hisob.events.sales.OrderReReserved;
import uz.hisob.events.sales.PaymentCaptured;
import uz.hisob.events.sales.PaymentRef;
import uz.hisob.events.sales.RefundCompleted;
import uz.hisob.events.sales.RefundRequested;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One order: its status, the stock it holds, its payment and refunds. The consistency boundary of an order
 * (docs/commerce.md, "Orders and payments"): each of its steps is decided here on one state, so that
 * <ul>
 *   <li>an order is paid once: the capture reported by the provider's webhook and by the client's return is one
 *   capture, whichever comes first, and whatever arrives twice;</li>
 *   <li>an unpaid order gives its stock back when {@code reservedUntil} passes (an Axon deadline of this aggregate),
 *   and a payment that arrives after that is never lost: the process reserves again or refunds;</li>
 *   <li>an order is never refunded twice, nor more than was paid;</li>
 *   <li>the steps follow the statuses of commerce.md, and nothing is fulfilled that was not confirmed.</li>
 * </ul>
 * What crosses to other aggregates (reserving and releasing at the locations, calling the provider) is the order
 * process's ({@link OrderProcess}).
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Order {

    /** The deadline that ends an unpaid order's reservation. */
    static final String EXPIRY = "order-reservation-expiry";

    public static final String PENDING_PAYMENT = "PENDING_PAYMENT";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String FULFILLED = "FULFILLED";
    public static final String COMPLETED = "COMPLETED";
    public static final String EXPIRED = "EXPIRED";
    public static final String CANCELLED = "CANCELLED";

    @AggregateIdentifier
    private String id;
    private String orderId;
    private String status;
    private String customerId;
    private String currency;
    private BigDecimal total;
    private List<Allocation> allocations = new ArrayList<>();
    private String provider;
    private String paymentId;
    private BigDecimal captured = BigDecimal.ZERO;
    private BigDecimal refunded = BigDecimal.ZERO;
    private Map<String, Boolean> refunds = new LinkedHashMap<>(); // refund id -> done
    /** Per product: what was sold (quantity, line total) and what came back of it (quantity, amount). */
    private Map<String, Sold> sold = new LinkedHashMap<>();
    private java.util.Set<String> returnIds = new java.util.HashSet<>();

    record Sold(long quantity, BigDecimal total, long returned, BigDecimal returnedAmount, String locationId) {
    }

    /** What placing an order answers. */
    public record Placed(String id, long number, String status, String total, String currency, Instant reservedUntil,
                         PaymentRef payment) {
    }

    /** What the client's return from paying needs of an order. */
    public record PaymentView(String customerId, String provider, String paymentId, String status) {
    }

    public PaymentView paymentView() {
        return new PaymentView(customerId, provider, paymentId, status);
    }

    protected Order() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Placed handle(PlaceOrder cmd, OrderNumbers numbers, DeadlineManager deadlines, OrderPlacements placements) {
        if (id != null) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "An order with this id exists");
        }
        if (!cmd.allocations().isEmpty() && !placements.placed(cmd.tenant(), cmd.orderId())) {
            // the sweep of unfinished placements released its reservations: recorded now, the order would hold nothing
            throw CommandRefused.conflict("PLACEMENT_TIMED_OUT", "The order took too long to place and its stock was released; place it again");
        }
        PricedOrder p = cmd.priced();
        String initial = cmd.payment() == null ? CONFIRMED : PENDING_PAYMENT;
        long number = numbers.next(cmd.tenant());
        apply(new OrderPlaced(cmd.tenant(), cmd.orderId(), number, cmd.channel(), cmd.customerId(), cmd.clientId(), cmd.visitId(),
                p.priceListId(), p.currency(), p.taxIncluded(), p.lines(), p.subtotal(), p.discountTotal(), p.taxTotal(),
                p.total(), cmd.allocations(), cmd.paymentMethod(), cmd.payment(), initial,
                initial.equals(PENDING_PAYMENT) ? cmd.reservedUntil() : null, cmd.shipping(), cmd.note()));
        if (initial.equals(PENDING_PAYMENT)) {
            // not cancelled when the order is paid or cancelled: it then finds the order no longer pending and does
            // nothing (db-scheduler cancels by a scan of every scheduled deadline; one idle run per order is cheaper)
            deadlines.schedule(cmd.reservedUntil(), EXPIRY);
        }
        return new Placed(cmd.orderId(), number, initial, p.total().toPlainString(), p.currency(),
                initial.equals(PENDING_PAYMENT) ? cmd.reservedUntil() : null, cmd.payment());
    }

    /** The reservation's time is up: an order still unpaid gives its stock back. */
    @DeadlineHandler(deadlineName = EXPIRY)
    void onExpiry() {
        if (PENDING_PAYMENT.equals(status)) {
            apply(new OrderExpired(orderId, List.copyOf(allocations)));
        }
    }

    @CommandHandler
    public void handle(CapturePayment cmd) {
        if (paymentId == null || !paymentId.equals(cmd.paymentId())) {
            throw CommandRefused.conflict("PAYMENT_MISMATCH", "This payment is not the order's");
        }
        if (captured.signum() > 0) {
            return; // one capture, however many reports of it arrive
        }
        if (cmd.amount().compareTo(total) != 0 || !cmd.currency().equals(currency)) {
            throw CommandRefused.conflict("AMOUNT_MISMATCH", "The payment is for " + cmd.amount() + " " + cmd.currency()
                    + ", the order for " + total + " " + currency);
        }
        String at = status;
        apply(new PaymentCaptured(orderId, provider, paymentId, cmd.amount(), cmd.currency(),
                PENDING_PAYMENT.equals(at), cmd.reportedBy(), at));
        if (CANCELLED.equals(at)) {
            // paid for an order that no longer is: the money goes back
            requestRefund(cmd.amount(), "ORDER_CANCELLED");
        }
    }

    @CommandHandler
    public void handle(ConfirmReReservation cmd) {
        if (!EXPIRED.equals(status) || captured.signum() == 0) {
            throw CommandRefused.conflict("ORDER_NOT_EXPIRED", "Only an expired order that was paid is reserved again");
        }
        apply(new OrderReReserved(orderId, List.copyOf(cmd.allocations())));
    }

    @CommandHandler
    public void handle(CancelOrder cmd) {
        if (cmd.customerId() != null && !cmd.customerId().equals(customerId)) {
            throw CommandRefused.notFound("Order not found");
        }
        switch (status) {
            case CANCELLED -> {
                return; // cancelled already: nothing more to give back
            }
            case FULFILLED, COMPLETED -> throw CommandRefused.conflict("ORDER_FULFILLED",
                    "The order's goods left already: return them instead");
            case EXPIRED -> {
                if (captured.signum() == 0) {
                    throw CommandRefused.conflict("ORDER_EXPIRED", "The order expired unpaid; its stock was released");
                }
            }
            default -> {
                // PENDING_PAYMENT, CONFIRMED
            }
        }
        List<Allocation> released = EXPIRED.equals(status) ? List.of() : List.copyOf(allocations);
        BigDecimal refund = captured.subtract(refunded);
        apply(new OrderCancelled(orderId, cmd.reason(), released, refund));
        if (refund.signum() > 0) {
            requestRefund(refund, cmd.reason());
        }
    }

    @CommandHandler
    public void handle(FulfilOrder cmd) {
        if (FULFILLED.equals(status) || COMPLETED.equals(status)) {
            return;
        }
        if (!CONFIRMED.equals(status)) {
            throw CommandRefused.conflict("ORDER_NOT_CONFIRMED", "Only a confirmed order is fulfilled (it is " + status + ")");
        }
        apply(new OrderFulfilled(orderId, List.copyOf(allocations)));
    }

    @CommandHandler
    public void handle(CompleteOrder cmd) {
        if (COMPLETED.equals(status)) {
            return;
        }
        if (!FULFILLED.equals(status)) {
            throw CommandRefused.conflict("ORDER_NOT_FULFILLED", "Only a fulfilled order is completed (it is " + status + ")");
        }
        apply(new OrderCompleted(orderId));
    }

    /**
     * Goods of a fulfilled order come back: never more of a product than was sold less what came back before (409
     * {@code RETURN_EXCEEDS_ORDER}); each line refunded pro rata to its total, half-up, the last unit taking what is
     * left of the line so that a whole return refunds the line exactly; refunded to the payment (up to what it paid).
     */
    @CommandHandler
    public java.util.Map<String, Object> handle(ReturnOrderLines cmd) {
        if (!FULFILLED.equals(status) && !COMPLETED.equals(status)) {
            throw CommandRefused.conflict("ORDER_NOT_FULFILLED", "Only the goods of a fulfilled order come back (it is " + status + ")");
        }
        if (returnIds.contains(cmd.returnId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This order has a return with this id");
        }
        int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        java.util.List<OrderLinesReturned.Returned> back = new ArrayList<>();
        java.util.List<java.util.Map<String, Object>> exceeding = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        BigDecimal amount = BigDecimal.ZERO.setScale(scale);
        for (int i = 0; i < cmd.lines().size(); i++) {
            uz.hisob.api.inventory.Line l = cmd.lines().get(i);
            Sold s = sold.get(l.productId());
            if (s == null) {
                throw CommandRefused.invalid("lines[" + i + "].productId", "is not in the order");
            }
            if (!seen.add(l.productId())) {
                throw CommandRefused.invalid("lines[" + i + "].productId", "is listed twice");
            }
            long left = s.quantity() - s.returned();
            if (l.quantity() > left) {
                exceeding.add(java.util.Map.of("productId", l.productId(), "requested", l.quantity(), "returnable", left));
                continue;
            }
            BigDecimal lineAmount = s.returned() + l.quantity() == s.quantity()
                    ? s.total().subtract(s.returnedAmount())
                    : s.total().multiply(BigDecimal.valueOf(l.quantity())).divide(BigDecimal.valueOf(s.quantity()), scale,
                    java.math.RoundingMode.HALF_UP);
            back.add(new OrderLinesReturned.Returned(l.productId(), l.quantity(), lineAmount, s.locationId()));
            amount = amount.add(lineAmount);
        }
        if (!exceeding.isEmpty()) {
            throw CommandRefused.conflict("RETURN_EXCEEDS_ORDER", "More would come back than was fulfilled and not returned yet",
                    java.util.Map.of("lines", exceeding));
        }
        BigDecimal refund = paymentId == null ? BigDecimal.ZERO.setScale(scale) : amount.min(captured.subtract(refunded));
        apply(new OrderLinesReturned(orderId, cmd.returnId(), java.util.List.copyOf(back), refund, cmd.reason(), cmd.restock()));
        if (refund.signum() > 0) {
            requestRefund(refund, "RETURN");
        }
        java.util.Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("returned", amount.toPlainString());
        answer.put("refund", refund.toPlainString());
        answer.put("currency", currency);
        return answer;
    }

    @CommandHandler
    public void handle(CompleteRefund cmd) {
        Boolean done = refunds.get(cmd.refundId());
        if (done == null) {
            throw CommandRefused.notFound("Refund not found");
        }
        if (!done) {
            apply(new RefundCompleted(orderId, cmd.refundId(), cmd.providerRefundId()));
        }
    }

    private void requestRefund(BigDecimal amount, String reason) {
        String refundId = orderId + "-refund-" + (refunds.size() + 1);
        apply(new RefundRequested(orderId, refundId, provider, paymentId, amount, currency, reason));
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(OrderPlaced e) {
        id = uz.hisob.api.sales.Orders.aggregateId(e.tenant(), e.orderId());
        orderId = e.orderId();
        status = e.status();
        customerId = e.customerId();
        currency = e.currency();
        total = e.total();
        allocations = new ArrayList<>(e.allocations());
        for (uz.hisob.events.sales.OrderLine line : e.lines()) {
            String at = e.allocations().stream().filter(a -> a.productId().equals(line.productId())).map(Allocation::locationId)
                    .findFirst().orElse(null);
            sold.put(line.productId(), new Sold(line.quantity(), line.total(), 0, BigDecimal.ZERO, at));
        }
        if (e.payment() != null) {
            provider = e.payment().provider();
            paymentId = e.payment().id();
        }
    }

    @EventSourcingHandler
    void on(PaymentCaptured e) {
        captured = e.amount();
        if (e.confirmed()) {
            status = CONFIRMED;
        }
    }

    @EventSourcingHandler
    void on(OrderExpired e) {
        status = EXPIRED;
        allocations = new ArrayList<>();
    }

    @EventSourcingHandler
    void on(OrderReReserved e) {
        status = CONFIRMED;
        allocations = new ArrayList<>(e.allocations());
    }

    @EventSourcingHandler
    void on(OrderCancelled e) {
        status = CANCELLED;
        allocations = new ArrayList<>();
    }

    @EventSourcingHandler
    void on(OrderFulfilled e) {
        status = FULFILLED;
    }

    @EventSourcingHandler
    void on(OrderCompleted e) {
        status = COMPLETED;
    }

    @EventSourcingHandler
    void on(OrderLinesReturned e) {
        returnIds.add(e.returnId());
        for (OrderLinesReturned.Returned r : e.lines()) {
            Sold s = sold.get(r.productId());
            sold.put(r.productId(), new Sold(s.quantity(), s.total(), s.returned() + r.quantity(), s.returnedAmount().add(r.amount()),
                    s.locationId()));
        }
    }

    @EventSourcingHandler
    void on(RefundRequested e) {
        refunds.put(e.refundId(), false);
        refunded = refunded.add(e.amount());
    }

    @EventSourcingHandler
    void on(RefundCompleted e) {
        refunds.put(e.refundId(), true);
    }
}
