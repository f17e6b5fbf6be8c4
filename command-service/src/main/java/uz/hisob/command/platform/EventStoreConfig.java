package uz.hisob.command.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's JDBC event store, as its auto-configuration builds it, except that the insert of a command's events returns
 * their global indexes ({@code RETURNING global_index}): the position a command answers with is read from its append
 * itself, not queried again. {@link #lastAppended()} gives it to the code running later in the same unit of work.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    private static final String LAST_POSITION = EventStoreConfig.class.getName() + ".lastPosition";

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .appendEvents((connection, schema, dataType, events, serializer, timestamps) ->
                        JdbcEventStorageEngineStatements.appendEvents(returningPositions(connection, schema),
                                schema, dataType, events, serializer, timestamps))
                .build();
    }

    /**
     * The highest global index appended in the current unit of work, or -1 when it appended nothing (or runs outside
     * of one).
     */
    public static long lastAppended() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().<AtomicLong>getOrDefaultResource(LAST_POSITION, new AtomicLong(-1)).get()
                : -1;
    }

    /**
     * The connection as Axon's statement builder sees it: the insert it prepares asks for the generated global index,
     * and when the batch has run the highest one is noted in the unit of work.
     */
    private static Connection returningPositions(Connection connection, EventSchema schema) {
        return (Connection) Proxy.newProxyInstance(EventStoreConfig.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        PreparedStatement insert = connection.prepareStatement((String) args[0], new String[] {schema.globalIndexColumn()});
                        return notingPositions(insert);
                    }
                    return invoke(connection, method, args);
                });
    }

    private static PreparedStatement notingPositions(PreparedStatement insert) {
        return (PreparedStatement) Proxy.newProxyInstance(EventStoreConfig.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    Object result = invoke(insert, method, args);
                    if (method.getName().equals("executeBatch")) {
                        long max = -1;
                        try (ResultSet keys = insert.getGeneratedKeys()) {
                            while (keys.next()) {
                                max = Math.max(max, keys.getLong(1));
                            }
                        }
                        long appended = max;
                        CurrentUnitOfWork.ifStarted(uow -> uow.root()
                                .<AtomicLong>getOrComputeResource(LAST_POSITION, k -> new AtomicLong(-1))
                                .accumulateAndGet(appended, Math::max));
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
