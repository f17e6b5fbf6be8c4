package uz.hisob.command.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.events.EventMetadata;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way to send a command, whoever sends it: HTTP endpoints, processes reacting to events, seeders and
 * scheduled jobs. It stamps the actor's tenant and user (and trace) on the command, decides it again when another
 * node appended to the same aggregate first or when a refusal came from a cached aggregate, and answers what the
 * handler returned with the command's {@code position}: the global index of the last event it appended, as the
 * append returned it (for a command that appended nothing, the tenant's latest event).
 *
 * <p>Every command runs as a unit of work of its own, in a transaction of its own. One sent from inside another unit
 * of work (an event handler's) would otherwise be nested in it by Axon: its events appended with the outer work's,
 * later, and its position unknown. Such a command is handed to a thread of this sender and waited for, so the
 * caller continues only once it committed (a process's token is stored after the command it sent).
 *
 * <p>A sender may do work of its own inside the command's transaction ({@link InTransaction}): the HTTP layer locks
 * and records its idempotency key there, so the record commits exactly when the command's events do. Nothing of the
 * transport travels as Axon metadata.
 */
@Component
public class CommandSender implements DisposableBean {

    /** What a command answered: the handler's result (or null) and its position. */
    public record Sent(Object result, long position) {
    }

    /** Work done inside the command's transaction, around its handler. */
    public interface InTransaction {

        /** Before the handler decides; an exception here refuses the command before anything is decided. */
        default void beforeHandling() {
        }

        /** Once the command's events are appended, before they commit: what is written here commits with them. */
        default void beforeCommit(Sent sent) {
        }
    }

    private static final InTransaction NOTHING = new InTransaction() {
    };

    /**
     * Attempts of a command whose append lost to another node's. Two nodes appending to one busy aggregate lose
     * to each other round after round: five attempts were once all lost in LedgerTest (20 concurrent deliveries per
     * kitchen over two nodes); ten, with the back-off growing, make that unlikely without hiding a real livelock.
     */
    private static final int MAX_ATTEMPTS = 10;

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final Map<String, InTransaction> inTransaction = new ConcurrentHashMap<>();
    private final ExecutorService ownUnitsOfWork;

    public CommandSender(CommandGateway gateway, CommandBus commandBus, JdbcTemplate jdbc) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        AtomicInteger threads = new AtomicInteger();
        this.ownUnitsOfWork = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "command-sender-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // registered here, explicitly, and only here (Axon also auto-registers interceptor beans: this is not one)
        commandBus.registerHandlerInterceptor(this::handle);
    }

    /** Sends {@code command} as {@code actor} and waits for it to commit. Refusals arrive as {@link CommandRefused}. */
    public Sent send(Actor actor, Object command) {
        return send(actor, command, NOTHING);
    }

    /** As {@link #send(Actor, Object)}, with {@code work} done inside the command's transaction. */
    public Sent send(Actor actor, Object command, InTransaction work) {
        if (!CurrentUnitOfWork.isStarted()) {
            return sendRetrying(actor, command, work);
        }
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> sendRetrying(actor, command, work), ownUnitsOfWork).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Another node appended to the same aggregate first: the command is decided again on the fresh state, a few
     * times, before the sender is told. (Within one node, Axon's aggregate lock already serialises commands.) A
     * refusal decided on a cached aggregate is decided once more on the state in the store, which another node may
     * have moved on ({@link CacheHits}).
     */
    private Sent sendRetrying(Actor actor, Object command, InTransaction work) {
        MetaData meta = MetaData.with(EventMetadata.TENANT, actor.tenant()).and(EventMetadata.USER, actor.user());
        if (actor.traceId() != null) {
            meta = meta.and(Actor.TRACE_ID, actor.traceId());
        }
        boolean refusedFromCache = false;
        for (int attempt = 1; ; attempt++) {
            CacheHits.reset();
            CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(meta);
            inTransaction.put(message.getIdentifier(), work);
            try {
                Answer answer = gateway.sendAndWait(message);
                return answer.sent;
            } catch (CommandRefused refused) {
                if (refusedFromCache || !CacheHits.servedFromCache()) {
                    throw refused;
                }
                refusedFromCache = true; // the rolled-back unit of work took the entry out of the cache
            } catch (ConcurrencyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt)); // jittered back-off
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            } finally {
                inTransaction.remove(message.getIdentifier());
            }
        }
    }

    /** Runs around every command's handler, inside its unit of work and transaction. */
    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        InTransaction work = inTransaction.getOrDefault(unitOfWork.getMessage().getIdentifier(), NOTHING);
        String tenant = (String) unitOfWork.getMessage().getMetaData().get(EventMetadata.TENANT);
        work.beforeHandling();
        Object result = chain.proceed();
        Answer answer = new Answer();
        // after the event store appended the command's events (an earlier prepare-commit step)
        unitOfWork.onPrepareCommit(uow -> {
            long position = EventStoreConfig.lastAppended();
            answer.sent = new Sent(result, position < 0 ? latestOf(tenant) : position);
            work.beforeCommit(answer.sent);
        });
        return answer;
    }

    /**
     * For a command that appended nothing: the tenant's own latest event, never the store's global head, which would
     * tell one tenant how busy the others are and make its minPosition reads wait for their events.
     */
    private long latestOf(String tenant) {
        Long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE event_tenant(meta_data) = ?",
                Long.class, tenant);
        return position == null ? 0 : position;
    }

    @Override
    public void destroy() {
        ownUnitsOfWork.shutdown();
    }

    /** The handler's answer, completed while its unit of work prepares to commit. */
    private static final class Answer {
        private Sent sent;
    }
}
