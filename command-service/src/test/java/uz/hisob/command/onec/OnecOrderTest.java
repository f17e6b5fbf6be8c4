package uz.hisob.command.onec;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.onec.OnecOrderDraft;
import uz.hisob.api.onec.QueueOnecOrder;
import uz.hisob.api.onec.RecordOnecOrderAttempt;
import uz.hisob.api.onec.RecordOnecOrderStatus;
import uz.hisob.api.onec.ResendOnecOrder;
import uz.hisob.command.onec.order.OnecOrder;
import uz.hisob.command.onec.order.OnecOrderOutbox;
import uz.hisob.events.onec.OnecOrderAttemptFailed;
import uz.hisob.events.onec.OnecOrderQueued;
import uz.hisob.events.onec.OnecOrderRefused;
import uz.hisob.events.onec.OnecOrderResent;
import uz.hisob.events.onec.OnecOrderSent;
import uz.hisob.events.onec.OnecOrderStatusChanged;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.command.platform.Refusals.refused;

/** An order's way to 1C, given/when/then: queued once, sent, retried with back-off, refused until resent. */
class OnecOrderTest {

    static final String TENANT = "demo";
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final OnecOrderDraft DRAFT = new OnecOrderDraft("baraka", "v1", "UZS", NOW,
            List.of(new OnecOrderDraft.Line("choy", 4, new BigDecimal("15000.00"))), null);

    AggregateTestFixture<OnecOrder> fixture;
    Outbox outbox;

    /** The outbox rows as the sender would see them. */
    static final class Outbox implements OnecOrderOutbox {
        final Map<String, String> state = new HashMap<>();
        final Map<String, Instant> due = new HashMap<>();

        @Override
        public void queued(String tenant, String orderId, String projectId, OnecOrderDraft draft) {
            state.put(orderId, "PENDING");
            due.put(orderId, NOW);
        }

        @Override
        public void done(String tenant, String orderId, String s) {
            state.put(orderId, s);
            due.remove(orderId);
        }

        @Override
        public void retryAt(String tenant, String orderId, Instant at) {
            state.put(orderId, "PENDING");
            due.put(orderId, at);
        }

        @Override
        public List<Due> take(int limit, Duration lease) {
            return List.of();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OnecOrder.class);
        outbox = new Outbox();
        fixture.registerInjectableResource(outbox);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static OnecOrderQueued queued() {
        return new OnecOrderQueued(TENANT, "o1", "toshkent", NOW);
    }

    @Test
    void anOrderIsQueuedOnceAndSentWithOnecsNumber() {
        fixture.givenNoPriorActivity().when(new QueueOnecOrder(TENANT, "o1", "toshkent", DRAFT)).expectEvents(queued());
        assertThat(outbox.state).containsEntry("o1", "PENDING");
        fixture.given(queued()).when(new QueueOnecOrder(TENANT, "o1", "toshkent", DRAFT)).expectNoEvents();
        fixture.given(queued()).when(new RecordOnecOrderAttempt(TENANT, "o1", RecordOnecOrderAttempt.SENT, "ЗК-000001", "ACCEPTED", null))
                .expectEvents(new OnecOrderSent(TENANT, "o1", "ЗК-000001", "ACCEPTED", 1, NOW));
        assertThat(outbox.state).containsEntry("o1", "SENT");
        // a late second answer (a lease that ran out) changes nothing
        fixture.given(queued(), new OnecOrderSent(TENANT, "o1", "ЗК-000001", "ACCEPTED", 1, NOW))
                .when(new RecordOnecOrderAttempt(TENANT, "o1", RecordOnecOrderAttempt.FAILED, null, null, "timeout")).expectNoEvents();
    }

    @Test
    void failuresAreTriedAgainAfterABackOffFromOneSecondDoublingToFiveMinutes() {
        fixture.given(queued()).when(new RecordOnecOrderAttempt(TENANT, "o1", RecordOnecOrderAttempt.FAILED, null, null, "1C is unavailable"))
                .expectEvents(new OnecOrderAttemptFailed(TENANT, "o1", 1, "1C is unavailable", NOW.plusSeconds(1)));
        assertThat(outbox.due).containsEntry("o1", NOW.plusSeconds(1));
        fixture.given(queued(), new OnecOrderAttemptFailed(TENANT, "o1", 1, "x", NOW), new OnecOrderAttemptFailed(TENANT, "o1", 2, "x", NOW))
                .when(new RecordOnecOrderAttempt(TENANT, "o1", RecordOnecOrderAttempt.FAILED, null, null, "x"))
                .expectEvents(new OnecOrderAttemptFailed(TENANT, "o1", 3, "x", NOW.plusSeconds(4)));
        fixture.given(queued(), new OnecOrderAttemptFailed(TENANT, "o1", 12, "x", NOW))
                .when(new RecordOnecOrderAttempt(TENANT, "o1", RecordOnecOrderAttempt.FAILED, null, null, "x"))
                .expectEvents(new OnecOrderAttemptFailed(TENANT, "o1", 13, "x", NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void aRefusalFailsTheOrderUntilResentAndOnecsStatusesUpdateIt() {
        fixture.given(queued()).when(new RecordOnecOrderAttempt(TENANT, "o1", RecordOnecOrderAttempt.REFUSED, null, null, "Номенклатура не найдена"))
                .expectEvents(new OnecOrderRefused(TENANT, "o1", 1, "Номенклатура не найдена"));
        assertThat(outbox.state).containsEntry("o1", "FAILED");
        fixture.given(queued()).when(new ResendOnecOrder(TENANT, "o1")).expectNoEvents().expectException(refused("NOT_FAILED"));
        fixture.given(queued(), new OnecOrderRefused(TENANT, "o1", 1, "x")).when(new ResendOnecOrder(TENANT, "o1"))
                .expectEvents(new OnecOrderResent(TENANT, "o1"));
        assertThat(outbox.state).containsEntry("o1", "PENDING");
        fixture.given(queued(), new OnecOrderSent(TENANT, "o1", "ЗК-1", "ACCEPTED", 1, NOW))
                .when(new RecordOnecOrderStatus(TENANT, "o1", "ЗК-1", "SHIPPED", NOW))
                .expectEvents(new OnecOrderStatusChanged(TENANT, "o1", "ЗК-1", "SHIPPED", NOW));
        fixture.given(queued(), new OnecOrderSent(TENANT, "o1", "ЗК-1", "ACCEPTED", 1, NOW))
                .when(new RecordOnecOrderStatus(TENANT, "o1", "ЗК-1", "ACCEPTED", NOW)).expectNoEvents();
        // 1C has an order whose answer never came: its status says it was sent, and it is sent no more
        fixture.given(queued()).when(new RecordOnecOrderStatus(TENANT, "o1", "ЗК-2", "ACCEPTED", NOW))
                .expectEvents(new OnecOrderStatusChanged(TENANT, "o1", "ЗК-2", "ACCEPTED", NOW));
        assertThat(outbox.state).containsEntry("o1", "SENT");
    }
}
