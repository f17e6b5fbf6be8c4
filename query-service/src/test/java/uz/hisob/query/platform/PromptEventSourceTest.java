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
        return new PromptEventSource(store(), prompter, Duration.ofMillis(10), window, now::get).openStream(null);
    }

    private StreamableMessageSource<TrackedEventMessage<?>> store() {
        return new StreamableMessageSource<>() {
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
    }

    @Test
    void promptAsksEveryOpenStreamsProcessorToLookAndForgetsClosedOnes() {
        PromptEventSource source = new PromptEventSource(store(), prompter, Duration.ofHours(1), Duration.ZERO, now::get);
        java.util.concurrent.atomic.AtomicInteger live = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger rebuild = new java.util.concurrent.atomic.AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> liveStream = source.openStream(null);
        BlockingStream<TrackedEventMessage<?>> rebuildStream = source.capped(() -> Long.MAX_VALUE).openStream(null);
        assertThat(liveStream.setOnAvailableCallback(live::incrementAndGet)).isTrue();
        assertThat(rebuildStream.setOnAvailableCallback(rebuild::incrementAndGet)).isTrue();
        source.prompt();
        assertThat(live.get()).isEqualTo(1);
        assertThat(rebuild.get()).isEqualTo(1);
        // a processor that registers again replaces its callback: still one call per prompt
        java.util.concurrent.atomic.AtomicInteger liveAgain = new java.util.concurrent.atomic.AtomicInteger();
        liveStream.setOnAvailableCallback(liveAgain::incrementAndGet);
        rebuildStream.close();
        source.prompt();
        assertThat(live.get()).isEqualTo(1);
        assertThat(liveAgain.get()).isEqualTo(1);
        assertThat(rebuild.get()).as("a closed stream is not prompted").isEqualTo(1);
        liveStream.close();
    }

    @Test
    void aCappedStreamWaitsForItsCapToMoveInsteadOfAnsweringAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicLong cap = new java.util.concurrent.atomic.AtomicLong(1);
        PromptEventSource source = new PromptEventSource(store(), prompter, Duration.ofHours(1), Duration.ZERO, now::get);
        BlockingStream<TrackedEventMessage<?>> stream = source.capped(cap::get).openStream(null);
        append(4); // positions 0..3, the cap at 1
        assertThat(pass(stream)).as("up to the cap").isEqualTo(2);

        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable(150, TimeUnit.MILLISECONDS)).as("position 2 is beyond the cap").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited out its timeout, not answered at once")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));

        prompter.schedule(() -> cap.set(3), 50, TimeUnit.MILLISECONDS);
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("the cap moved during the wait").isTrue();
        assertThat(pass(stream)).isEqualTo(2);
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).as("a look without a timeout answers at once").isFalse();
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
    void eventsThatArriveAtRestAreNeverHeldEvenWithinTheWindow() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(Duration.ofMillis(300));
        for (int i = 0; i < 20; i++) { // one event every 200 ms: a window of 300 ms would mostly hold one alone
            append(1);
            assertThat(pass(stream)).as("event %d", i).isEqualTo(1);
            now.addAndGet(Duration.ofMillis(200).toNanos());
        }
    }

    @Test
    void theWindowStartsOnceEventsArriveFasterAndEndsWhenTheyArriveSlowerAgain() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(Duration.ofMillis(300));
        int handedAtOnce = 0;
        for (int i = 0; i < 10; i++) { // one every 30 ms: ten per window
            append(1);
            handedAtOnce += pass(stream);
            now.addAndGet(Duration.ofMillis(30).toNanos());
        }
        assertThat(handedAtOnce).as("held from the second or third on").isLessThanOrEqualTo(3);
        now.addAndGet(Duration.ofMillis(300).toNanos());
        assertThat(pass(stream)).as("the held ones, together").isEqualTo(10 - handedAtOnce);
        int heldAtRest = 0;
        for (int i = 0; i < 20; i++) { // back at rest: one every 200 ms
            now.addAndGet(Duration.ofMillis(200).toNanos());
            append(1);
            heldAtRest += 1 - pass(stream);
        }
        assertThat(heldAtRest).as("only while the average still remembers the load").isLessThanOrEqualTo(3);
        assertThat(pass(stream)).isZero();
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
