package uz.hisob.query.admin;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.hisob.platform.web.ApiException;
import uz.hisob.query.platform.ReadModelProgress;
import uz.hisob.query.platform.RebuildTarget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background rebuilds of read models (audit.md), without a moment in which reads answer empty or half-built:
 * <ol>
 * <li>a second processor replays every event into a new generation of the read model's storage, while the live
 *     processor keeps the active generation current and reads keep answering from it;</li>
 * <li>the rebuild follows the live processor but never overtakes it (its event stream is capped at the live
 *     processor's position), so it never applies an event the live stream's clients have not been told about;</li>
 * <li>once it has caught up, the live processor stops, the rebuild applies the last events up to exactly the live
 *     processor's token, and one database transaction hands the rebuild's token to the live processor and makes the
 *     new generation the active one; the live processor restarts where the rebuild stopped;</li>
 * <li>the old generation is dropped after a grace period, once reads that began before the switch have finished.</li>
 * </ol>
 * Progress is written to {@code projection_rebuild}, which every instance's listing and progress stream read.
 */
@Component
public class Rebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final Duration TICK = Duration.ofMillis(200);

    /** A rebuild's state as the admin API shows it. */
    public record Rebuild(long id, String projection, int generation, String status, String requestedBy, Instant startedAt,
                          Instant finishedAt, long headAtStart, long position, long eventsApplied, BigDecimal progressPct,
                          String error) {

        boolean running() {
            return "RUNNING".equals(status);
        }
    }

    private final Map<String, RebuildTarget> targets = new LinkedHashMap<>();
    private final ReadModelProgress progress;
    private final uz.hisob.query.platform.PromptEventSource events;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final Configuration axon;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int batchSize;
    private final Duration dropAfter;
    private final Duration stallTimeout;
    private final ExecutorService runner = Executors.newCachedThreadPool(Thread.ofPlatform().name("rebuild-", 0).daemon().factory());
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rebuild-cleanup").daemon().factory());
    private final org.axonframework.common.jdbc.ConnectionProvider connections;
    private final org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema deadLetterSchema;
    private final org.axonframework.serialization.Serializer serializer;
    private volatile boolean running;

    public Rebuilds(List<RebuildTarget> targets, ReadModelProgress progress,
                    uz.hisob.query.platform.PromptEventSource eventStore, TokenStore tokenStore,
                    TransactionManager axonTransactions, Configuration axon, JdbcTemplate jdbc,
                    PlatformTransactionManager transactionManager,
                    @Value("${hisob.rebuild.batch-size:500}") int batchSize,
                    @Value("${hisob.rebuild.drop-old-after:PT10S}") Duration dropAfter,
                    @Value("${hisob.rebuild.stall-timeout:PT2M}") Duration stallTimeout,
                    org.axonframework.common.jdbc.ConnectionProvider connections,
                    org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema deadLetterSchema,
                    org.axonframework.serialization.Serializer serializer) {
        this.connections = connections;
        this.deadLetterSchema = deadLetterSchema;
        this.serializer = serializer;
        targets.forEach(t -> this.targets.put(t.projection(), t));
        this.progress = progress;
        this.events = eventStore;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.axon = axon;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.batchSize = batchSize;
        this.dropAfter = dropAfter;
        this.stallTimeout = stallTimeout;
    }

    /** Whether {@code name} is a read model that can be rebuilt. */
    public boolean knows(String name) {
        return targets.containsKey(name);
    }

    /**
     * Records a rebuild of {@code name} and starts it once the surrounding transaction (if any) has committed.
     * 404 for an unknown read model, 409 {@code REBUILD_RUNNING} while one runs.
     */
    public Rebuild start(String name, String requestedBy) {
        RebuildTarget target = targets.get(name);
        if (target == null) {
            throw ApiException.notFound("Projection " + name);
        }
        failAbandoned();
        if (!progress.holdsEverySegment(name)) {
            // the switch stops the live processor and hands its tokens over: only where every segment is processed
            throw new ApiException(HttpStatus.CONFLICT, "PROJECTION_ELSEWHERE", "This instance does not process every "
                    + "segment of " + name + "; start the rebuild on the instance that does");
        }
        int generation = Math.max(target.activeGeneration(),
                Optional.ofNullable(jdbc.queryForObject("SELECT max(generation) FROM projection_rebuild WHERE projection = ?",
                        Integer.class, name)).orElse(0)) + 1;
        long id;
        try {
            id = jdbc.queryForObject("INSERT INTO projection_rebuild (projection, generation, status, requested_by, head_at_start) "
                    + "VALUES (?, ?, 'RUNNING', ?, ?) RETURNING id", Long.class, name, generation, requestedBy, progress.headPosition());
        } catch (DuplicateKeyException running) {
            throw new ApiException(HttpStatus.CONFLICT, "REBUILD_RUNNING", "A rebuild of " + name + " is already running");
        }
        Runnable launch = () -> runner.execute(() -> run(id, target, generation));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    launch.run();
                }
            });
        } else {
            launch.run();
        }
        return find(id).orElseThrow();
    }

    /** The latest rebuild of {@code name}, if there was one. */
    public Optional<Rebuild> latest(String name) {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE projection = ? ORDER BY id DESC LIMIT 1", this::row, name)
                .stream().findFirst();
    }

    public Optional<Rebuild> find(long id) {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE id = ?", this::row, id).stream().findFirst();
    }

    // ------------------------------------------------------------------------------------------------

    private void run(long id, RebuildTarget target, int generation) {
        String name = target.projection();
        String processorName = name + "~rebuild";
        AtomicLong cap = new AtomicLong(Math.max(progress.position(name), -1));
        AtomicLong applied = new AtomicLong();
        StreamingEventProcessor live = progress.processors().get(name);
        boolean liveStopped = false;
        TrackingEventProcessor rebuild = null;
        try {
            log.info("Rebuilding {} into generation {}", name, generation);
            target.dropAllExcept(Set.of());
            target.prepare(generation);
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName);

            java.util.List<Object> handlers = target.handlers(generation);
            Object handler = handlers.getFirst();
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", processorName);
            // as the live processor: an event the rebuild cannot apply is parked, and the rest of the rebuild goes on;
            // its letters become the live processor's at the switch
            org.axonframework.common.transaction.TransactionManager rebuildTransactions = target.transactionManager(generation, axonTransactions);
            // a tracking processor: one thread reads, deserializes and applies, batch after batch. A pooled one (the
            // live processors') hands events from its coordinator to a worker through a buffer of 1 024 events and,
            // once that is full, looks again only 100 ms later: that capped a rebuild near 10 000 events/s, with its
            // worker idle for a third of the time (flight recording of scenario 5: 6.1 s parked of 20.5 s)
            rebuild = TrackingEventProcessor.builder()
                    .name(processorName)
                    .eventHandlerInvoker(org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.builder()
                            .eventHandlers(handlers)
                            .parameterResolverFactory(axon.parameterResolverFactory())
                            .handlerDefinition(axon.handlerDefinition(handler.getClass()))
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .queue(org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue.builder()
                                    .processingGroup(processorName)
                                    .connectionProvider(connections)
                                    .transactionManager(rebuildTransactions)
                                    .schema(deadLetterSchema)
                                    .genericSerializer(serializer)
                                    .eventSerializer(serializer)
                                    .build())
                            .enqueuePolicy(axon.eventProcessingConfiguration().deadLetterPolicy(name).orElseThrow())
                            // as the live processor's (dlq.cache.enabled): which aggregates have letters is known in
                            // memory, not asked of the queue for every event (15 % of a rebuild's samples without it)
                            .enableSequenceIdentifierCache()
                            .transactionManager(rebuildTransactions)
                            .build())
                    .errorHandler(PropagatingErrorHandler.instance())
                    .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                    .messageSource(events.capped(cap::get))
                    .tokenStore(tokenStore)
                    .transactionManager(rebuildTransactions)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andThreadFactory(n -> Thread.ofPlatform().name("rebuild-" + name + "-worker").daemon().factory())
                            .andBatchSize(batchSize)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                            // at the cap (caught up with the live processor) it waits this long for more, then looks again
                            .andEventAvailabilityTimeout(200, TimeUnit.MILLISECONDS)
                            .andTokenClaimInterval(500, TimeUnit.MILLISECONDS))
                    .build();
            rebuild.registerHandlerInterceptor((unitOfWork, chain) -> {
                applied.incrementAndGet();
                return chain.proceed();
            });
            rebuild.start();

            // 1. catch up with the live processor, which keeps the active generation current meanwhile
            Instant lastProgress = Instant.now();
            long lastPosition = -1;
            while (true) {
                long livePosition = progress.position(name);
                cap.accumulateAndGet(livePosition, Math::max);
                long position = position(rebuild);
                heartbeat(id, position, applied.get());
                if (position > lastPosition) {
                    lastPosition = position;
                    lastProgress = Instant.now();
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(stallTimeout) > 0) {
                    throw new IllegalStateException("No progress for " + stallTimeout + " at position " + position
                            + (failing(rebuild) ? " (handlers failing, see the log)" : ""));
                }
                if (position >= cap.get() - batchSize || cap.get() <= 0) {
                    break;
                }
                sleep(TICK);
            }

            // the storage completed (indexes built from the rows); the live processor goes on meanwhile
            target.caughtUp(generation);

            // 2. stop the live processor; the rebuild applies the last events up to exactly its token
            if (live != null && live.isRunning()) {
                live.shutDown();
                liveStopped = true;
            }
            long until = tokenPosition(name).orElse(cap.get());
            cap.set(until);
            Instant deadline = Instant.now().plusSeconds(30);
            while (position(rebuild) < until && Instant.now().isBefore(deadline)) {
                heartbeat(id, position(rebuild), applied.get());
                sleep(Duration.ofMillis(20));
            }
            // in memory the rebuild may be further than its stored token: Axon stores the token of a batch its
            // handlers applied in that batch's transaction, but not at once after events they skip (a search rebuild
            // passing the servings that end the stream); those need no applying again, so the further one counts
            long reached = position(rebuild);
            rebuild.shutDown();
            long finalPosition = Math.max(reached, tokenPosition(processorName).orElse(-1L));
            if (finalPosition < until) {
                // switching in a generation that lacks events would answer reads without them: keep the active one
                throw new IllegalStateException("The rebuild reached position " + finalPosition + ", not the live processor's "
                        + until + ", within 30 s; the active generation stays");
            }

            // 3. one transaction: the live processor continues from the rebuild's token, on the new generation
            tx.executeWithoutResult(status -> {
                jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ? FOR UPDATE", Integer.class, name);
                jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", name);
                jdbc.update("UPDATE token_entry SET processor_name = ?, owner = NULL WHERE processor_name = ?", name, processorName);
                // what could not be applied is what the new generation lacks: its letters replace the old ones
                jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", name);
                jdbc.update("UPDATE dead_letter_entry SET processing_group = ? WHERE processing_group = ?", name, processorName);
                target.switchTo(generation);
                jdbc.update("UPDATE projection_rebuild SET status = 'DONE', finished_at = now(), heartbeat_at = now(), position = ?, "
                        + "events_applied = ? WHERE id = ?", Math.max(finalPosition, until), applied.get(), id);
            });
            log.info("Rebuilt {} into generation {}: {} events applied, switched at position {}", name, generation, applied.get(), until);
            later.schedule(() -> dropQuietly(target, generation), dropAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.error("Rebuild of {} into generation {} failed; reads stay on the active generation", name, generation, e);
            if (rebuild != null) {
                rebuild.shutDown();
            }
            jdbc.update("UPDATE projection_rebuild SET status = 'FAILED', finished_at = now(), error = ? WHERE id = ?",
                    String.valueOf(e.getMessage()), id);
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName);
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", processorName);
            dropQuietly(target, target.activeGeneration());
        } finally {
            if (liveStopped) {
                live.start();
            }
        }
    }

    private void dropQuietly(RebuildTarget target, int keep) {
        try {
            target.dropAllExcept(Set.of(keep));
        } catch (RuntimeException e) {
            log.warn("Could not drop old generations of {}: {}", target.projection(), e.toString());
        }
    }

    private void heartbeat(long id, long position, long applied) {
        jdbc.update("UPDATE projection_rebuild SET heartbeat_at = now(), position = ?, events_applied = ? WHERE id = ?",
                Math.max(position, 0), applied, id);
    }

    /** A rebuild whose instance stopped beating (it crashed or was killed) is marked failed. */
    private void failAbandoned() {
        jdbc.update("UPDATE projection_rebuild SET status = 'FAILED', finished_at = now(), error = 'abandoned: its instance stopped' "
                + "WHERE status = 'RUNNING' AND heartbeat_at < now() - interval '30 seconds'");
    }

    /** The lowest position over the segments the processor runs here, in memory; -1 when it runs none. */
    private static long position(StreamingEventProcessor p) {
        long min = Long.MAX_VALUE;
        for (EventTrackerStatus s : p.processingStatus().values()) {
            min = Math.min(min, s.getCurrentPosition().orElse(-1));
        }
        return min == Long.MAX_VALUE ? -1 : min;
    }

    private static boolean failing(StreamingEventProcessor p) {
        return p.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    /** The lowest position over a processor's stored tokens; empty while another instance holds a claim. */
    private Optional<Long> tokenPosition(String processor) {
        try {
            return tokenPositionClaimed(processor);
        } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException claimedElsewhere) {
            // another instance runs the processor: the rebuild's cap stays the last position seen
            return Optional.empty();
        }
    }

    private Optional<Long> tokenPositionClaimed(String processor) {
        return axonTransactions.fetchInTransaction(() -> {
            long min = Long.MAX_VALUE;
            for (int segment : tokenStore.fetchSegments(processor)) {
                TrackingToken token = tokenStore.fetchToken(processor, segment);
                tokenStore.releaseClaim(processor, segment);
                min = Math.min(min, token == null ? -1 : token.position().orElse(-1));
            }
            return min == Long.MAX_VALUE ? Optional.<Long>empty() : Optional.of(min);
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Rebuild row(ResultSet rs, int i) throws SQLException {
        long head = Math.max(rs.getLong("head_at_start"), 1);
        long position = rs.getLong("position");
        String status = rs.getString("status");
        BigDecimal pct = "DONE".equals(status) ? BigDecimal.valueOf(1000, 1)
                : BigDecimal.valueOf(Math.min(position, head) * 100L).divide(BigDecimal.valueOf(head), 1, RoundingMode.DOWN);
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Rebuild(rs.getLong("id"), rs.getString("projection"), rs.getInt("generation"), status,
                rs.getString("requested_by"), rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getLong("head_at_start"), position, rs.getLong("events_applied"), pct, rs.getString("error"));
    }

    @Override
    public void start() {
        failAbandoned();
        running = true;
    }

    @Override
    public void stop() {
        runner.shutdownNow();
        later.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
