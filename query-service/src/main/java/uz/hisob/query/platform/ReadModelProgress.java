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
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far each read model has come, from its processor's own status: used by {@code minPosition} (has position n
 * been applied?) and published as the metric {@code hisob.projection.lag} (events between the head of the event
 * store and the processor).
 */
@Component
public class ReadModelProgress implements SmartLifecycle {

    private static final Duration POLL = Duration.ofMillis(10);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private volatile boolean running;

    public ReadModelProgress(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
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

    /** True when every segment of the processor has applied the event at {@code position}. */
    public boolean hasApplied(String processorName, long position) {
        StreamingEventProcessor p = processors().get(processorName);
        if (p == null) {
            throw new IllegalArgumentException("No processor " + processorName);
        }
        Map<Integer, EventTrackerStatus> status = p.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus s : status.values()) {
            if (s.isErrorState() || !covers(s.getTrackingToken(), position)) {
                return false;
            }
        }
        return true;
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

    /** Completes when all named processors have applied {@code position}; errors after {@code timeout}. */
    public Mono<Void> awaitApplied(Collection<String> processorNames, long position, Duration timeout) {
        if (processorNames.stream().allMatch(n -> hasApplied(n, position))) {
            return Mono.empty();
        }
        return Flux.interval(POLL)
                .filter(tick -> processorNames.stream().allMatch(n -> hasApplied(n, position)))
                .next()
                .timeout(timeout)
                .then();
    }

    /** Lowest position any segment of the processor has reached, or -1. */
    public long position(String processorName) {
        StreamingEventProcessor p = processors().get(processorName);
        long min = Long.MAX_VALUE;
        for (EventTrackerStatus s : p.processingStatus().values()) {
            OptionalLong pos = s.getCurrentPosition();
            min = Math.min(min, pos.orElse(-1));
        }
        return min == Long.MAX_VALUE ? -1 : min;
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
