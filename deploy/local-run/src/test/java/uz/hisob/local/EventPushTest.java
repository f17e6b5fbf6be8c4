package uz.hisob.local;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import uz.hisob.query.platform.EventArrivals;
import uz.hisob.query.platform.PromptEventSource;
import uz.hisob.query.platform.WakeableEventStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models hear of a command at once (architecture.md, "Projection lag"): the command-service notifies after
 * its commit, the query side's listener wakes the event store's reader, and the processors are prompted as soon as
 * the event is in the store's cache. Shown here with an event store of the test's own whose poll is an hour and
 * processors' prompt too, so that only the push can bring the event in time; and without the listener, the same store
 * does not see the next command at all.
 */
class EventPushTest extends SystemTestSupport {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aCommittedCommandReachesTheQuerySideByPushNotByPoll() throws Exception {
        KitchenApi k = KitchenApi.create("push"); // also starts the system
        EventStorageEngine engine = system().queryContext().getBean(EventStorageEngine.class);
        HikariDataSource events = system().queryContext().getBean("eventsDataSource", HikariDataSource.class);
        WakeableEventStore store = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(engine)
                .fetchDelay(HOUR.toMillis()).timeUnit(TimeUnit.MILLISECONDS));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        PromptEventSource source = new PromptEventSource(store, scheduler, HOUR, Duration.ZERO);
        EventArrivals arrivals = new EventArrivals(events, store, source, new SimpleMeterRegistry());
        AtomicInteger prompted = new AtomicInteger();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(store.createHeadToken())) {
            stream.setOnAvailableCallback(prompted::incrementAndGet);
            // nothing new yet; from here on the stream reads the store's cache, as a processor's at the head does
            assertThat(stream.hasNextAvailable()).isFalse();
            arrivals.start();
            await().atMost(Duration.ofSeconds(10)).until(arrivals::isPushed); // listening, and following the head

            k.ingredient("rice", 0);
            long position = k.position;
            List<Long> seen = takeUntil(stream, position, Duration.ofSeconds(5));
            assertThat(seen).as("the command's event, brought by the notification (the poll is an hour)").contains(position);
            // the watch thread prompts after it has seen the event in the cache, which may be just after this thread
            // took it from the same cache: waited for, but far within the hour the scheduled prompt would take
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(prompted.get()).as("the processor was asked to look").isPositive());

            arrivals.stop();
            int promptsBefore = prompted.get();
            k.ingredient("millet", 0);
            assertThat(takeUntil(stream, k.position, Duration.ofSeconds(2)))
                    .as("without the listener the store waits for its hourly poll").isEmpty();
            assertThat(prompted.get()).isEqualTo(promptsBefore);
        } finally {
            arrivals.stop();
            store.shutDown();
            scheduler.shutdownNow();
        }
    }

    /** The positions the stream hands out until it has handed out {@code position}, or the time is up. */
    private static List<Long> takeUntil(BlockingStream<TrackedEventMessage<?>> stream, long position, Duration within)
            throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until && !seen.contains(position)) {
            if (stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)) {
                seen.add(stream.nextAvailable().trackingToken().position().orElseThrow());
            }
        }
        return seen;
    }
}
