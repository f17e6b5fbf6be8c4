package uz.hisob.command.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uz.hisob.platform.jdbc.AppendChannel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells the query side that events were committed ({@link AppendChannel}): after the commit of each unit of work that
 * published events, one PostgreSQL {@code NOTIFY}, sent by a thread of its own on a connection of its own.
 * <p>
 * Not in the command's transaction: PostgreSQL serializes the commits of all transactions that notify (a database-wide
 * lock from the notification's queueing to the end of the commit), which would queue every tenant's commands behind
 * one another again (audit.md: nothing shared in a command's transaction beyond the event table). After the commit
 * the command has already been answered; a notification is at most one per {@code hisob.events.notify-gap} however
 * many commands committed meanwhile, and is committed without waiting for its WAL flush (it changes no data). If the
 * database cannot be reached the notifications stop and the query side still finds the events by polling.
 */
@Component
@Profile("!axonserver") // with Axon Server the query side reads events from it, and listens to no channel
public final class AppendNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);
    private static final String MARK = AppendNotifier.class.getName();
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final HikariDataSource events;
    private final long gapNanos;
    private final Counter sent;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running;

    public AppendNotifier(@Qualifier("eventsDataSource") HikariDataSource events, EventBus eventBus, MeterRegistry meters,
                          @Value("${hisob.events.notify-gap:PT0.002S}") Duration gap) {
        this.events = events;
        this.gapNanos = gap.toNanos();
        this.sent = Counter.builder("hisob.events.notifications")
                .description("Notifications sent to the query side that events were committed")
                .register(meters);
        eventBus.registerDispatchInterceptor(messages -> {
            CurrentUnitOfWork.ifStarted(this::afterCommit);
            return (index, message) -> message;
        });
    }

    private void afterCommit(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        if (root.resources().putIfAbsent(MARK, Boolean.TRUE) == null) {
            root.afterCommit(u -> signal());
        }
    }

    /** Asks for a notification (at once if none is on its way, else right after it). */
    void signal() {
        if (!pending.getAndSet(true)) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void run() {
        Connection connection = null;
        boolean failing = false;
        while (running) {
            if (!pending.getAndSet(false)) {
                LockSupport.park(this);
                continue;
            }
            try {
                if (connection == null) {
                    connection = AppendChannel.connect(events);
                    try (Statement s = connection.createStatement()) {
                        s.execute("SET synchronous_commit = off");
                    }
                }
                try (Statement s = connection.createStatement()) {
                    s.execute("NOTIFY " + AppendChannel.NAME);
                }
                sent.increment();
                if (failing) {
                    log.info("Notifying the query side of commits again");
                    failing = false;
                }
                LockSupport.parkNanos(gapNanos);
            } catch (SQLException e) {
                if (!failing) {
                    log.warn("Cannot notify the query side of commits (it finds them by polling): {}", e.toString());
                    failing = true;
                }
                connection = close(connection);
                pending.set(true);
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
        close(connection);
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
        }
        return null;
    }

    @Override
    public void start() {
        running = true;
        Thread t = Thread.ofPlatform().name("append-notifier").daemon().unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
