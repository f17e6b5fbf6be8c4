package uz.hisob.query.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How far each read model has come: used by {@code minPosition} (has position n been applied?) and published as the
 * metric {@code hisob.projection.lag} (events between the head of the event store and the processor). Each segment
 * counts with what is known of it: the status of this instance's processor for the segments it processes (in
 * memory, counted as applied only after the batch's commit), and the token committed in the token store for the
 * segments another instance processes. So every query-service instance answers {@code minPosition} reads, not only
 * the one that happens to hold the segments.
 */
@Component
public class ReadModelProgress implements SmartLifecycle {

    private static final Duration POLL = Duration.ofMillis(10);
    /** Committed tokens are read at most this often, however many requests wait. */
    private static final Duration COMMITTED_TTL = Duration.ofMillis(10);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final BatchCommits batchCommits;
    private volatile Committed committed;
    private volatile boolean running;

    /** The token store's rows as last read: processor → segment → token (null: not started). */
    private record Committed(long readAtNanos, Map<String, Map<Integer, TrackingToken>> tokens) {
    }

    public ReadModelProgress(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters,
                             JdbcTemplate jdbc, Serializer serializer, BatchCommits batchCommits) {
        this.batchCommits = batchCommits;
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> streaming = new java.util.TreeMap<>();
        processing.eventProcessors().forEach((name, p) -> {
            if (p instanceof StreamingEventProcessor s) {
                streaming.put(name, s);
            }
        });
        return streaming;
    }

    /** True when every segment of the processor has applied the event at {@code position} (may read the token store). */
    public boolean hasApplied(String processorName, long position) {
        if (appliedHere(processorName, position)) {
            return true;
        }
        Map<Integer, TrackingToken> stored = committedTokens().getOrDefault(processorName, Map.of());
        if (stored.isEmpty()) {
            return false;
        }
        Map<Integer, EventTrackerStatus> local = status(processorName);
        for (Map.Entry<Integer, TrackingToken> segment : stored.entrySet()) {
            EventTrackerStatus here = local.get(segment.getKey());
            TrackingToken token = here != null ? here.getTrackingToken() : segment.getValue();
            if ((here != null && here.isErrorState()) || !covers(token, position)) {
                return false;
            }
        }
        return true;
    }

    /** From memory only: this instance processes every segment and has applied {@code position} in each. */
    private boolean appliedHere(String processorName, long position) {
        Map<Integer, EventTrackerStatus> status = status(processorName);
        if (status.isEmpty()) {
            return false;
        }
        int segments = 0;
        for (EventTrackerStatus s : status.values()) {
            if (s.isErrorState() || !covers(s.getTrackingToken(), position)) {
                return false;
            }
            segments = Math.max(segments, s.getSegment().getMask() + 1);
        }
        return status.size() == segments; // every segment of the processor is here
    }

    private Map<Integer, EventTrackerStatus> status(String processorName) {
        StreamingEventProcessor p = processors().get(processorName);
        if (p == null) {
            throw new IllegalArgumentException("No processor " + processorName);
        }
        return p.processingStatus();
    }

    private Map<String, Map<Integer, TrackingToken>> committedTokens() {
        Committed c = committed;
        if (c != null && System.nanoTime() - c.readAtNanos() < COMMITTED_TTL.toNanos()) {
            return c.tokens();
        }
        synchronized (this) {
            c = committed;
            if (c != null && System.nanoTime() - c.readAtNanos() < COMMITTED_TTL.toNanos()) {
                return c.tokens();
            }
            Map<String, Map<Integer, TrackingToken>> tokens = new java.util.HashMap<>();
            jdbc.query("SELECT processor_name, segment, token, token_type FROM token_entry", rs -> {
                byte[] bytes = rs.getBytes(3);
                String type = rs.getString(4);
                TrackingToken token = bytes == null || type == null ? null
                        : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                tokens.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>()).put(rs.getInt(2), token);
            });
            committed = new Committed(System.nanoTime(), tokens);
            return tokens;
        }
    }

    static boolean covers(TrackingToken token, long position) {
        TrackingToken t = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (t == null) {
            return false;
        }
        if (t instanceof GapAwareTrackingToken gap) {
            return gap.getIndex() >= position && !gap.getGaps().contains(position);
        }
        OptionalLong p = t.position();
        return p.isPresent() && p.getAsLong() >= position;
    }

    /**
     * Completes when all named processors have applied {@code position}; errors after {@code timeout}. Answered from
     * memory at once when this instance has applied it; otherwise looked for again, off the event loop, when a
     * processor here has finished a batch and at the latest every 10 ms (a segment another instance processes is
     * known from the token store).
     */
    public Mono<Void> awaitApplied(Collection<String> processorNames, long position, Duration timeout) {
        if (processorNames.stream().allMatch(n -> appliedHere(n, position))) {
            return Mono.empty();
        }
        return pollUntil(() -> processorNames.stream().allMatch(n -> hasApplied(n, position)), batchCommits::next, POLL, timeout);
    }

    /**
     * Completes once {@code check} (which may block) answers true, asked on a bounded-elastic thread again whenever
     * {@code sooner} completes and at the latest every {@code poll}; errors with a
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}. What follows runs on a parallel thread, never
     * on the polling one: Reactor may interrupt a polling thread when the poll it runs is cancelled (as
     * {@code Flux.interval(ZERO, …).next()} did when its first look succeeded), and a request that went on there would
     * find its thread interrupted (a search's connection lease cancelled).
     */
    static Mono<Void> pollUntil(java.util.function.BooleanSupplier check, java.util.function.Supplier<Mono<Void>> sooner,
                                Duration poll, Duration timeout) {
        return Mono.fromCallable(check::getAsBoolean)
                .subscribeOn(Schedulers.boundedElastic())
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(looks -> looks.concatMap(look ->
                        Mono.firstWithSignal(sooner.get(), Mono.delay(poll).then()).thenReturn(look)))
                .timeout(timeout)
                .publishOn(Schedulers.parallel())
                .then();
    }

    /** Lowest position any segment of the processor has reached (here, or committed by another instance), or -1. */
    public long position(String processorName) {
        Map<Integer, EventTrackerStatus> local = status(processorName);
        Map<Integer, Long> positions = new java.util.HashMap<>();
        committedTokens().getOrDefault(processorName, Map.of())
                .forEach((segment, token) -> positions.put(segment, token == null ? -1 : token.position().orElse(-1)));
        local.forEach((segment, s) -> positions.put(segment, s.getCurrentPosition().orElse(-1)));
        return positions.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** Whether this instance processes every segment of the processor (and so may stop it and hand its tokens over). */
    public boolean holdsEverySegment(String processorName) {
        Map<Integer, EventTrackerStatus> local = status(processorName);
        Set<Integer> stored = committedTokens().getOrDefault(processorName, Map.of()).keySet();
        return !local.isEmpty() && local.keySet().containsAll(stored);
    }

    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    @Override
    public void start() {
        for (String name : processors().keySet()) {
            Gauge.builder("hisob.projection.lag", this, m -> Math.max(0, m.headPosition() - m.position(name)))
                    .tag("processor", name)
                    .description("Events in the store the processor has not applied yet")
                    .register(meters);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
