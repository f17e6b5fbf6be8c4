package uz.hisob.query.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uz.hisob.platform.jdbc.AppendChannel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the read models hear of new events at once rather than at the next poll (docs/architecture.md, "Projection
 * lag"). Two threads:
 * <ul>
 *   <li><b>listen</b>: {@code LISTEN}s on {@link AppendChannel} (the command side notifies it after commits) and wakes
 *   the event store's reader ({@link WakeableEventStore#wake()}), which then reads the event table at once;</li>
 *   <li><b>watch</b>: follows the head of the event store's cache and, as soon as new events are in it (read because of
 *   a notification or because of the store's own poll), prompts the processors ({@link PromptEventSource#prompt()}).</li>
 * </ul>
 * Both are only shortcuts: without them (the database unreachable, a pooler that drops {@code LISTEN}) the event
 * store polls every {@code hisob.events.poll-interval} and the processors look every {@code hisob.events.prompt-interval},
 * as before.
 */
@Component
@Profile("!axonserver")
public final class EventArrivals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);
    private static final int LISTEN_WAIT_MS = 500;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final HikariDataSource events;
    private final WakeableEventStore store;
    private final PromptEventSource processors;
    private final Counter notifications;
    private final Counter prompts;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile boolean watching;
    private Thread listener;
    private Thread watcher;

    public EventArrivals(@Qualifier("eventsDataSource") HikariDataSource events, WakeableEventStore store,
                         PromptEventSource processors, MeterRegistry meters) {
        this.events = events;
        this.store = store;
        this.processors = processors;
        this.notifications = Counter.builder("hisob.events.notifications.received")
                .description("Notifications from the command side that events were committed")
                .register(meters);
        this.prompts = Counter.builder("hisob.events.arrivals")
                .description("Times new events reached the event store's cache and the processors were prompted")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("hisob.events.listening", this, a -> a.listening ? 1 : 0)
                .description("1 while the query side listens for the command side's commits (0: it only polls)")
                .register(meters);
    }

    /** Listening for the command side's notifications, and following the event store's head. */
    public boolean isPushed() {
        return listening && watching;
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection connection = AppendChannel.connect(events)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + AppendChannel.NAME);
                }
                if (failing) {
                    log.info("Listening for the command side's commits again");
                    failing = false;
                }
                listening = true;
                store.wake(); // what was committed while not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(LISTEN_WAIT_MS);
                    if (received != null && received.length > 0) {
                        notifications.increment(received.length);
                        store.wake();
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!failing) {
                    log.warn("Cannot listen for the command side's commits (the event store polls instead): {}", e.toString());
                    failing = true;
                }
                pause();
            }
        }
    }

    private void watch() {
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> head = store.openStream(store.createHeadToken())) {
                head.hasNextAvailable(); // from the head on it reads the store's cache, filled by the store's reader
                watching = true;
                while (running) {
                    if (head.hasNextAvailable(LISTEN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                        do {
                            head.nextAvailable();
                        } while (head.hasNextAvailable());
                        prompts.increment();
                        processors.prompt();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                watching = false;
                if (running) {
                    log.warn("Cannot follow the event store's head (the processors look every prompt interval): {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().name("events-listen").daemon().start(this::listen);
        watcher = Thread.ofPlatform().name("events-watch").daemon().start(this::watch);
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        watching = false;
        for (Thread t : new Thread[] {listener, watcher}) {
            if (t != null) {
                try {
                    t.join(LISTEN_WAIT_MS * 2L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
