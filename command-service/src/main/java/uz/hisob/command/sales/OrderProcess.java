package uz.hisob.command.sales;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.FulfilReservation;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.ReleaseReservation;
import uz.hisob.api.inventory.ReserveStock;
import uz.hisob.api.inventory.ReturnStock;
import uz.hisob.api.sales.CancelOrder;
import uz.hisob.api.sales.CompleteRefund;
import uz.hisob.api.sales.ConfirmReReservation;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.command.sales.payment.PaymentProvider;
import uz.hisob.command.sales.payment.PaymentProviders;
import uz.hisob.events.sales.Allocation;
import uz.hisob.events.sales.OrderCancelled;
import uz.hisob.events.sales.OrderExpired;
import uz.hisob.events.sales.OrderFulfilled;
import uz.hisob.events.sales.OrderLinesReturned;
import uz.hisob.events.sales.OrderPlaced;
import uz.hisob.events.sales.OrderReReserved;
import uz.hisob.events.sales.PaymentCaptured;
import uz.hisob.events.sales.RefundCompleted;
import uz.hisob.events.sales.RefundRequested;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order process: what an order's steps ask of other aggregates and of the payment provider, each with its
 * compensation (docs/commerce.md, "The order process"). An Axon saga per order, associated by the order's aggregate
 * id, on its own streaming processor; its state and token are stored with the command side's, so a command-service
 * that stops at any step continues where it was.
 * <ul>
 *   <li>{@link OrderExpired}, {@link OrderCancelled}: the reservations go back to the stock;</li>
 *   <li>a payment captured after expiry: the same lines are reserved again at the same locations (all or none); if
 *   they are not there, the order is cancelled with {@code PAID_AFTER_EXPIRY}, which refunds it;</li>
 *   <li>{@link RefundRequested}: the provider is asked, with the refund's id as idempotency key, until it has done
 *   it (a saga deadline retries, 5 s doubling to 5 min); then the order records it;</li>
 *   <li>{@link OrderFulfilled}: each reservation is taken from {@code onHand};</li>
 *   <li>an order confirmed (placed so, paid, or reserved again after a late payment): its customer is e-mailed
 *   ({@link ConfirmationMail}), tried again each minute while the SMTP server is down.</li>
 * </ul>
 * Every command it sends is idempotent at its target (a reservation released or fulfilled twice is refused the second
 * time as not open, which counts as done), so an event handled again after a restart does no harm.
 */
@Saga(sagaStore = "orderSagaStore")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderProcess {

    private static final Logger log = LoggerFactory.getLogger(OrderProcess.class);
    static final String ASSOCIATION = "orderAggregate";
    /** Axon's name of this saga's processor (configured in command-service.yml). */
    static final String PROCESSOR = "OrderProcessProcessor";
    static final String REFUND_RETRY = "order-refund-retry";
    static final String MAIL_RETRY = "order-mail-retry";
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);

    private String tenant;
    private String orderId;
    private long number;
    private String customerId;
    private String total;
    private String currency;
    private int mailAttempts;
    /** Refunds the provider has not done yet, and the wait before the next try of each. */
    private Map<String, PendingRefund> refunds = new LinkedHashMap<>();
    private boolean finished;
    /** What the order held when it expired: what a late payment reserves again. */
    private List<Allocation> expiredAllocations = new ArrayList<>();

    record PendingRefund(String provider, String paymentId, BigDecimal amount, String currency, long retrySeconds) {
    }

    public OrderProcess() {
        // for Axon and Jackson
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(OrderPlaced e, EventMessage<?> message, ConfirmationMail mail, DeadlineManager deadlines) {
        tenant = Actor.causedBy(message).tenant();
        orderId = e.orderId();
        number = e.number();
        customerId = e.customerId();
        total = e.total().toPlainString();
        currency = e.currency();
        if (Order.CONFIRMED.equals(e.status())) {
            confirm(mail, deadlines);
        }
    }

    /** The customer learns its order is confirmed; an SMTP server that is down is tried again each minute, ten times. */
    private void confirm(ConfirmationMail mail, DeadlineManager deadlines) {
        if (customerId == null) {
            return;
        }
        try {
            mail.send(tenant, customerId, orderId, number, total, currency);
        } catch (RuntimeException e) {
            if (++mailAttempts < 10) {
                log.warn("Confirmation of order {} ({}) not sent, next try in a minute: {}", orderId, tenant, e.toString());
                deadlines.schedule(Duration.ofMinutes(1), MAIL_RETRY);
            } else {
                log.error("Confirmation of order {} ({}) not sent after {} tries: {}", orderId, tenant, mailAttempts, e.toString());
            }
        }
    }

    @DeadlineHandler(deadlineName = MAIL_RETRY)
    void retryMail(ConfirmationMail mail, DeadlineManager deadlines) {
        confirm(mail, deadlines);
    }

    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(OrderReReserved e, ConfirmationMail mail, DeadlineManager deadlines) {
        confirm(mail, deadlines);
    }

    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(OrderExpired e, EventMessage<?> message, CommandSender sender) {
        expiredAllocations = new ArrayList<>(e.released());
        release(sender, Actor.causedBy(message), e.released(), "ORDER_EXPIRED");
    }

    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(OrderCancelled e, EventMessage<?> message, CommandSender sender) {
        release(sender, Actor.causedBy(message), e.released(), "ORDER_CANCELLED");
        if (e.refund().signum() == 0) {
            finish();
        }
    }

    /** A payment that arrived after the order expired: the stock again, or the money back. */
    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(PaymentCaptured e, EventMessage<?> message, CommandSender sender, ConfirmationMail mail, DeadlineManager deadlines) {
        if (e.confirmed()) {
            confirm(mail, deadlines);
            return;
        }
        if (!Order.EXPIRED.equals(e.orderStatus())) {
            return;
        }
        Actor actor = Actor.causedBy(message);
        String reservationId = orderId + "~paid";
        Map<String, List<Line>> byLocation = new LinkedHashMap<>();
        expiredAllocations.forEach(a -> byLocation.computeIfAbsent(a.locationId(), k -> new ArrayList<>()).add(new Line(a.productId(), a.quantity())));
        List<Allocation> again = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Line>> at : byLocation.entrySet()) {
                try {
                    sender.send(actor, new ReserveStock(tenant, at.getKey(), reservationId, "ORDER", orderId, at.getValue()));
                } catch (CommandRefused refused) {
                    if (!"ALREADY_EXISTS".equals(refused.code())) {
                        throw refused;
                    }
                    // made by this handler before a restart: the reservation id is this order's alone
                }
                at.getValue().forEach(l -> again.add(new Allocation(at.getKey(), reservationId, l.productId(), l.quantity())));
            }
        } catch (CommandRefused refused) {
            release(sender, actor, again, "ORDER_NOT_REPLACED");
            sender.send(actor, new CancelOrder(tenant, orderId, "PAID_AFTER_EXPIRY", null));
            return;
        }
        sender.send(actor, new ConfirmReReservation(tenant, orderId, again));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(RefundRequested e, EventMessage<?> message, CommandSender sender, PaymentProviders providers,
            DeadlineManager deadlines) {
        refunds.put(e.refundId(), new PendingRefund(e.provider(), e.paymentId(), e.amount(), e.currency(), FIRST_RETRY.toSeconds()));
        tryRefund(e.refundId(), Actor.causedBy(message), sender, providers, deadlines);
    }

    @DeadlineHandler(deadlineName = REFUND_RETRY)
    void retryRefund(String refundId, CommandSender sender, PaymentProviders providers, DeadlineManager deadlines) {
        if (refunds.containsKey(refundId)) {
            tryRefund(refundId, Actor.system(tenant), sender, providers, deadlines);
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(RefundCompleted e) {
        refunds.remove(e.refundId());
        if (refunds.isEmpty() && finished) {
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(OrderFulfilled e, EventMessage<?> message, CommandSender sender) {
        Actor actor = Actor.causedBy(message);
        Map<String, String> reservations = new LinkedHashMap<>();
        e.allocations().forEach(a -> reservations.put(a.locationId(), a.reservationId()));
        reservations.forEach((location, reservation) -> {
            try {
                sender.send(actor, new FulfilReservation(tenant, location, reservation));
            } catch (CommandRefused refused) {
                if (!"NOT_FOUND".equals(refused.code())) {
                    throw refused;
                }
                // fulfilled before this event was handled again: done
            }
        });
    }

    /** Returned goods go back to the locations they left from (one return per location, its id the return's). */
    @SagaEventHandler(associationProperty = ASSOCIATION, associationResolver = OrderAssociation.class)
    void on(OrderLinesReturned e, EventMessage<?> message, CommandSender sender) {
        if (!e.restock()) {
            return;
        }
        Map<String, List<Line>> byLocation = new LinkedHashMap<>();
        e.lines().stream().filter(r -> r.locationId() != null)
                .forEach(r -> byLocation.computeIfAbsent(r.locationId(), k -> new ArrayList<>()).add(new Line(r.productId(), r.quantity())));
        Actor actor = Actor.causedBy(message);
        byLocation.forEach((location, lines) -> {
            try {
                // one id per order, return and location, the same every time this event is handled
                String returnAt = java.util.UUID.nameUUIDFromBytes((orderId + "/" + e.returnId()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString();
                sender.send(actor, new ReturnStock(tenant, location, returnAt, "ORDER_RETURN", orderId, lines));
            } catch (CommandRefused refused) {
                if (!"ALREADY_EXISTS".equals(refused.code())) {
                    throw refused;
                }
                // restocked before this event was handled again: done
            }
        });
    }

    private void tryRefund(String refundId, Actor actor, CommandSender sender, PaymentProviders providers, DeadlineManager deadlines) {
        PendingRefund pending = refunds.get(refundId);
        String providerRefundId;
        try {
            providerRefundId = providers.named(pending.provider()).refund(tenant, pending.paymentId(), pending.amount(),
                    pending.currency(), refundId);
        } catch (PaymentProvider.ProviderUnavailable e) {
            long wait = pending.retrySeconds();
            log.warn("Refund {} of order {} ({}) not done, next try in {} s: {}", refundId, orderId, tenant, wait, e.getMessage());
            refunds.put(refundId, new PendingRefund(pending.provider(), pending.paymentId(), pending.amount(), pending.currency(),
                    Math.min(wait * 2, LAST_RETRY.toSeconds())));
            deadlines.schedule(Duration.ofSeconds(wait), REFUND_RETRY, refundId);
            return;
        }
        sender.send(actor, new CompleteRefund(tenant, orderId, refundId, providerRefundId));
    }

    private void release(CommandSender sender, Actor actor, List<Allocation> allocations, String reason) {
        Map<String, String> reservations = new LinkedHashMap<>();
        allocations.forEach(a -> reservations.put(a.locationId(), a.reservationId()));
        reservations.forEach((location, reservation) -> {
            try {
                sender.send(actor, new ReleaseReservation(tenant, location, reservation, reason));
            } catch (CommandRefused refused) {
                if (!"NOT_FOUND".equals(refused.code())) {
                    throw refused;
                }
                // released before this event was handled again: done
            }
        });
    }

    private void finish() {
        finished = true;
        if (refunds.isEmpty()) {
            SagaLifecycle.end();
        }
    }
}
