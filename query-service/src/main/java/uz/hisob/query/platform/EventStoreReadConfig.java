package uz.hisob.query.platform;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The query side reads the event store the command side writes, through its own read-only pool. Reading needs no
 * transaction of the query database; the token store (Axon's auto-configuration, on the primary data source) does.
 * Under the {@code axonserver} profile the events come from Axon Server instead.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@org.springframework.context.annotation.Profile("!axonserver")
public class EventStoreReadConfig {

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventsDataSource") DataSource events, Serializer serializer,
                                                 EventSchema schema, Configuration axon,
                                                 @Value("${hisob.events.gap-timeout:PT60S}") Duration gapTimeout) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(events::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .schema(schema)
                .batchSize(1000)
                // a gap is an event whose transaction has not committed yet; wait longer than any command runs
                .gapTimeout((int) gapTimeout.toMillis())
                .build();
    }

    /**
     * The query side does not share a JVM with the command side, so no append in this JVM wakes its event store: the
     * command side's notification does ({@link EventArrivals}), and the store polls as well, for a notification that
     * was lost (Axon's default of one second would then be the projection lag; a short interval costs an index-only
     * query).
     */
    @Bean
    public WakeableEventStore eventStore(EventStorageEngine eventStorageEngine,
                                         @Value("${hisob.events.poll-interval:PT0.025S}") Duration pollInterval) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .fetchDelay(pollInterval.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS));
    }
}
