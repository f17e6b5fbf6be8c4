package uz.hisob.query.platform;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The minimum batch window: prompt at rest, bursts under load, never a hold for a processor that is behind. */
class PromptEventSourceTest {

    private final ScheduledExecutorService prompter = Executors.newSingleThreadScheduledExecutor();
    private final Deque<TrackedEventMessage<?>> stored = new ArrayDeque<>();
    private long next;
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);

    @AfterEach
    void stop() {
        prompter.shutdownNow();
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            long position = next++;
            stored.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position), GenericEventMessage.asEventMessage("e" + position)));
        }
    }

    private BlockingStream<TrackedEventMessage<?>> open(Duration window) {
        StreamableMessageSource<TrackedEventMessage<?>> source = new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                return new BlockingStream<>() {
                    @Override
                    public Optional<TrackedEventMessage<?>> peek() {
                        return Optional.ofNullable(stored.peek());
                    }

                    @Override
                    public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                        return !stored.isEmpty();
                    }

                    @Override
                    public TrackedEventMessage<?> nextAvailable() {
                        return stored.poll();
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public TrackingToken createTailToken() {
                return null;
            }
        };
        return new PromptEventSource(source, prompter, Duration.ofMillis(10), window, now::get).openStream(null);
    }

    /** What a coordinator's pass takes: everything the stream hands out now. */
    private static int pass(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        int taken = 0;
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
            taken++;
        }
        return taken;
    }

    @Test
    void promptAtRestThenOneBurstPerWindowUnderLoad() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(Duration.ofMillis(300));
        append(1);
        assertThat(pass(stream)).as("the first event after a quiet window goes at once").isEqualTo(1);
        append(2);
        assertThat(pass(stream)).as("events right after a burst are held").isZero();
        append(3);
        assertThat(pass(stream)).isZero();
        now.addAndGet(Duration.ofMillis(299).toNanos());
        assertThat(pass(stream)).as("still within the window").isZero();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(pass(stream)).as("once the window has passed, all that arrived go together").isEqualTo(5);
    }

    @Test
    void aProcessorThatIsBehindIsNeverHeld() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(Duration.ofMillis(300));
        append(10);
        int taken = 0;
        for (int i = 0; i < 4; i++) { // a coordinator takes a bounded number per pass; the rest is still due at once
            assertThat(stream.hasNextAvailable()).isTrue();
            stream.nextAvailable();
            taken++;
        }
        append(5); // more arrive while it is still catching up
        assertThat(taken + pass(stream)).isEqualTo(15);
    }

    @Test
    void aStreamThatRanDryAfterALargeBurstIsCatchingUpAndNotHeld() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(Duration.ofMillis(300));
        append(PromptEventSource.CATCHING_UP);
        assertThat(pass(stream)).isEqualTo(PromptEventSource.CATCHING_UP);
        append(3); // the event store's next page: no window after a burst that large
        assertThat(pass(stream)).isEqualTo(3);
        append(1); // but after the small one, the window applies again
        assertThat(pass(stream)).isZero();
    }

    @Test
    void noWindowNoHold() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(Duration.ZERO);
        append(1);
        assertThat(pass(stream)).isEqualTo(1);
        append(1);
        assertThat(pass(stream)).isEqualTo(1);
    }
}
