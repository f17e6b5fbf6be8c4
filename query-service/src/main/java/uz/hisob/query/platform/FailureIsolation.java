package uz.hisob.query.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one event's failure that event's own, so that Axon's dead-letter queue can park it (and the later events of
 * its aggregate) while everything else flows. Two things stand in the way, and this handles both:
 * <ul>
 *   <li>In PostgreSQL a failed statement aborts the whole transaction: the dead letter could not even be written, and
 *       the batch would fail forever. Hence a savepoint around each event, rolled back when it fails.</li>
 *   <li>Batching projections ({@link BatchingProjection}) send their writes at the end of the batch, where a failure
 *       belongs to no event, and a handler failure could leave half an event applied.</li>
 * </ul>
 * So a batch runs at full speed, without savepoints, until something fails; any failure then fails the whole batch
 * (it rolls back, nothing half-applied), and the processor retries it <em>isolating</em>: each event in a savepoint,
 * its writes sent inside it. The failing event rolls back to its savepoint, is dead-lettered, and the batch commits.
 * After a batch commits the projection runs at full speed again. A dead letter's retry (a unit of work that is not a
 * processor batch) always isolates.
 */
@Component
public class FailureIsolation implements HandlerEnhancerDefinition {

    private static final String WATCHED = FailureIsolation.class.getName() + ".watched#";
    private static final String FAIL_BATCH = FailureIsolation.class.getName() + ".failBatch";

    private final DataSource queryDataSource;
    private final Set<Object> isolating = ConcurrentHashMap.newKeySet();

    public FailureIsolation(DataSource queryDataSource) {
        this.queryDataSource = queryDataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                return FailureIsolation.this.handle(message, target, () -> super.handle(message, target));
            }
        };
    }

    /** Whether {@code projection}'s current event must be applied on its own (see the class comment). */
    public boolean isolating(Object projection) {
        return CurrentUnitOfWork.isStarted()
                && (!(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork) || isolating.contains(projection));
    }

    private interface Invocation {
        Object proceed() throws Exception;
    }

    private Object handle(Message<?> message, Object target, Invocation invocation) throws Exception {
        if (!CurrentUnitOfWork.isStarted()) {
            return invocation.proceed();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.getOrComputeResource(WATCHED + System.identityHashCode(target), key -> {
            root.onRollback(u -> isolating.add(target));
            root.afterCommit(u -> isolating.remove(target));
            return Boolean.TRUE;
        });
        if (!isolating(target)) {
            try {
                return invocation.proceed();
            } catch (Exception | Error e) {
                // the dead-letter queue will catch this, but its letter could not be trusted: the transaction may be
                // aborted and the event half applied. Fail the whole batch instead; it is retried isolating.
                failBatch(root, e);
                throw e;
            }
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return invocation.proceed();
        }
        Connection connection = DataSourceUtils.getConnection(queryDataSource);
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = invocation.proceed();
            if (target instanceof BatchingProjection batching) {
                batching.flushPending();
            }
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (Exception | Error e) {
            connection.rollback(savepoint);
            if (target instanceof BatchingProjection batching) {
                batching.discardPending();
            }
            if (transientFailure(e)) {
                // not this event's fault (a dependency is down or busy): parking would leave it out of the read
                // model for good once the dependency is back. The batch fails; the processor backs off and retries.
                failBatch(root, e);
            }
            throw e;
        } finally {
            DataSourceUtils.releaseConnection(connection, queryDataSource);
        }
    }

    private static void failBatch(UnitOfWork<?> root, Throwable cause) {
        root.getOrComputeResource(FAIL_BATCH, key -> {
            root.onPrepareCommit(u -> {
                throw new BatchRetriedIsolating(cause);
            });
            return Boolean.TRUE;
        });
    }

    /**
     * A failure that says nothing about the event: the network, a dependency that is down, overloaded (HTTP 429, 5xx)
     * or timed out, a deadlock or serialization failure. Only what fails deterministically is dead-lettered.
     */
    static boolean transientFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof co.elastic.clients.transport.TransportException
                    || t instanceof org.springframework.dao.TransientDataAccessException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException es
                    && (es.status() == 429 || es.status() >= 500)) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().startsWith("57"))) {
                return true;
            }
        }
        return false;
    }

    /** A batch in which an event failed: rolled back whole, and retried one event at a time. */
    static final class BatchRetriedIsolating extends RuntimeException {
        BatchRetriedIsolating(Throwable cause) {
            super("An event of this batch failed; the batch is retried one event at a time so that it can be dead-lettered: "
                    + cause, cause);
        }
    }
}
