package uz.hisob.command.onec.order;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.onec.OnecIds;
import uz.hisob.api.onec.QueueOnecOrder;
import uz.hisob.api.onec.RecordOnecOrderAttempt;
import uz.hisob.api.onec.RecordOnecOrderStatus;
import uz.hisob.api.onec.ResendOnecOrder;
import uz.hisob.events.onec.OnecOrderAttemptFailed;
import uz.hisob.events.onec.OnecOrderQueued;
import uz.hisob.events.onec.OnecOrderRefused;
import uz.hisob.events.onec.OnecOrderResent;
import uz.hisob.events.onec.OnecOrderSent;
import uz.hisob.events.onec.OnecOrderStatusChanged;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A field order's way to 1C (onec.md "Orders to 1C"): {@code PENDING} until 1C takes it ({@code SENT}, with its number)
 * or refuses it ({@code FAILED}, until resent); each failure to reach 1C is tried again after a back-off from 1 s
 * doubling to 5 min. 1C never gets it twice: every call carries the order's id as {@code externalId}, which 1C's
 * {@code PostOrder} is idempotent by, so a call whose answer was lost is simply made again. Its own aggregate, not
 * the order's: the order's rules (stock, payment) and its way to 1C do not wait for each other.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OnecOrder {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String id;
    private String tenant;
    private String orderId;
    private String state;
    private int attempts;
    private String number;
    private String status;

    @com.fasterxml.jackson.annotation.JsonCreator
    protected OnecOrder() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(QueueOnecOrder cmd, OnecOrderOutbox outbox, Clock clock) {
        if (state != null) {
            return; // queued once
        }
        outbox.queued(cmd.tenant(), cmd.orderId(), cmd.projectId(), cmd.draft());
        apply(new OnecOrderQueued(cmd.tenant(), cmd.orderId(), cmd.projectId(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordOnecOrderAttempt cmd, OnecOrderOutbox outbox, Clock clock) {
        if (!"PENDING".equals(state)) {
            return; // an answer after the order was decided (a lease that ran out and a second sender): the first stands
        }
        int n = attempts + 1;
        switch (cmd.outcome()) {
            case RecordOnecOrderAttempt.SENT -> {
                outbox.done(tenant, orderId, "SENT");
                apply(new OnecOrderSent(tenant, orderId, cmd.number(), cmd.status(), n, clock.instant()));
            }
            case RecordOnecOrderAttempt.REFUSED -> {
                outbox.done(tenant, orderId, "FAILED");
                apply(new OnecOrderRefused(tenant, orderId, n, cmd.error()));
            }
            case RecordOnecOrderAttempt.FAILED -> {
                Instant next = clock.instant().plus(backOff(n));
                outbox.retryAt(tenant, orderId, next);
                apply(new OnecOrderAttemptFailed(tenant, orderId, n, cmd.error(), next));
            }
            default -> throw CommandRefused.invalid("outcome", "must be SENT, FAILED or REFUSED");
        }
    }

    @CommandHandler
    public void handle(ResendOnecOrder cmd, OnecOrderOutbox outbox, Clock clock) {
        if (!"FAILED".equals(state)) {
            throw CommandRefused.conflict("NOT_FAILED", "Only an order 1C refused is resent; this one is " + state);
        }
        outbox.retryAt(tenant, orderId, clock.instant());
        apply(new OnecOrderResent(tenant, orderId));
    }

    @CommandHandler
    public void handle(RecordOnecOrderStatus cmd, OnecOrderOutbox outbox) {
        if ("PENDING".equals(state) || "FAILED".equals(state)) {
            outbox.done(tenant, orderId, "SENT"); // 1C has it: an answer was lost, and its statuses say so
        }
        if (!Objects.equals(cmd.status(), status) || !Objects.equals(cmd.number(), number)) {
            apply(new OnecOrderStatusChanged(tenant, orderId, cmd.number(), cmd.status(), cmd.changedAt()));
        }
    }

    /** 1 s after the first failure, doubling, at most 5 min. */
    static Duration backOff(int attempt) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(attempt - 1, 20);
        return seconds >= LONGEST_RETRY.toSeconds() ? LONGEST_RETRY : Duration.ofSeconds(seconds);
    }

    @EventSourcingHandler
    void on(OnecOrderQueued e) {
        id = OnecIds.order(e.tenant(), e.orderId());
        tenant = e.tenant();
        orderId = e.orderId();
        state = "PENDING";
    }

    @EventSourcingHandler
    void on(OnecOrderSent e) {
        state = "SENT";
        attempts = e.attempts();
        number = e.number();
        status = e.status();
    }

    @EventSourcingHandler
    void on(OnecOrderAttemptFailed e) {
        attempts = e.attempts();
    }

    @EventSourcingHandler
    void on(OnecOrderRefused e) {
        state = "FAILED";
        attempts = e.attempts();
    }

    @EventSourcingHandler
    void on(OnecOrderResent e) {
        state = "PENDING";
    }

    @EventSourcingHandler
    void on(OnecOrderStatusChanged e) {
        number = e.number();
        status = e.status();
        if ("PENDING".equals(state) || "FAILED".equals(state)) {
            state = "SENT"; // 1C has it: an answer was lost, and its statuses say so
        }
    }
}
