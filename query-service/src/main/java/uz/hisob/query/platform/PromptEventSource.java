package uz.hisob.query.platform;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The event store as the query side's processors read it, with one difference: its streams accept an "events may be
 * available" callback. A pooled processor whose stream offers none (the embedded event store's do not) looks for new
 * events only every 500 ms when idle, which was most of the projection lag (measured: 160–410 ms from a command's
 * answer to the read model at rest). A processor registers its callback once per stream; here it is called when
 * events have arrived ({@link #prompt()}, called by {@link EventArrivals}) and every {@code interval} besides, until
 * the stream closes, and the processor then checks its stream itself, on its own thread (an idle check is a look at
 * the event store's in-memory cache). The stream is never touched from another thread.
 * <p>
 * <b>A minimum batch window while under load.</b> Once a stream has run dry, the events that arrive within
 * {@code batchWindow} of the previous burst are held back until that window has passed, and then handed out together,
 * if events have lately been arriving at {@value #BUSY} or more per window: under load a processor gets one burst of
 * events per window (and its work package fewer, larger batches, each of which loads its kitchens' state and commits
 * once), while at rest, where a window would gather a single event and only delay it, every event is handed out at
 * once. The arrival rate is a moving average of the events per window of the recent bursts.
 * A processor that is behind is never held: the window only starts when the stream has nothing more to give, and not
 * after a burst of {@value #CATCHING_UP} events or more (a processor catching up, whose stream runs dry for a moment
 * while the event store fetches its next page); a rebuild's stream ({@link #capped}) has no window.
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final long windowNanos;
    /** A burst this large means the processor is catching up, not keeping up: the next one is not held. */
    static final int CATCHING_UP = 100;
    /** Events per window from which holding them pays: a window then gathers at least this many into one batch. */
    static final double BUSY = 2;
    /** How often a capped stream whose next event is beyond its cap looks at the cap again while it waits. */
    private static final long CAP_RECHECK_MS = 5;
    /** Weight of the latest burst in the moving average of arrivals. */
    private static final double WEIGHT = 0.3;
    /** No event beyond this position is handed out (a rebuild's source); {@code null}: no cap. */
    private final LongSupplier cap;
    private final LongSupplier nanoTime;
    /** The callbacks of the open streams, of this source and of its {@link #capped} copies. */
    private final Set<Runnable> callbacks;

    public PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, ScheduledExecutorService scheduler,
                             Duration interval, Duration batchWindow) {
        this(source, scheduler, interval.toNanos(), batchWindow.toNanos(), null, System::nanoTime, ConcurrentHashMap.newKeySet());
    }

    /** With a clock of the test's own ({@code nanoTime}). */
    PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, ScheduledExecutorService scheduler,
                      Duration interval, Duration batchWindow, LongSupplier nanoTime) {
        this(source, scheduler, interval.toNanos(), batchWindow.toNanos(), null, nanoTime, ConcurrentHashMap.newKeySet());
    }

    private PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, ScheduledExecutorService scheduler,
                              long intervalNanos, long windowNanos, LongSupplier cap, LongSupplier nanoTime,
                              Set<Runnable> callbacks) {
        this.nanoTime = nanoTime;
        this.callbacks = callbacks;
        this.source = source;
        this.scheduler = scheduler;
        this.intervalNanos = intervalNanos;
        this.windowNanos = windowNanos;
        this.cap = cap;
    }

    /**
     * The same source whose streams hand out no event beyond {@code cap} (read anew at every look): a background
     * rebuild follows the live processor this way and never overtakes it.
     */
    public PromptEventSource capped(LongSupplier cap) {
        return new PromptEventSource(source, scheduler, intervalNanos, 0, cap, nanoTime, callbacks); // a rebuild is about throughput: no window
    }

    /**
     * New events have arrived in the event store's cache: every open stream's processor is asked to look now (it does
     * so on its own thread; a processor that is busy or held by its batch window looks and waits as it would anyway).
     */
    public void prompt() {
        for (Runnable callback : callbacks) {
            callback.run();
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(token);
        return new BlockingStream<>() {
            private volatile java.util.concurrent.ScheduledFuture<?> prompting;
            private volatile Runnable callback;
            /** Handing out a burst: everything available goes, until the stream runs dry (coordinator thread only). */
            private boolean draining;
            /** When the last burst began, and how many events it has handed out (coordinator thread only). */
            private long burstStarted = nanoTime.getAsLong() - windowNanos;
            private int burstSize;
            /** Moving average of events per window, and whether the current burst is already in it. */
            private double arrivals;
            private boolean counted;

            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return stream.peek().filter(this::within);
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                boolean available = cap == null ? stream.hasNextAvailable(timeout, unit) : availableWithinCap(timeout, unit);
                if (!available) {
                    draining = false;
                    return false;
                }
                if (draining || windowNanos <= 0) {
                    return true;
                }
                long now = nanoTime.getAsLong();
                long since = now - burstStarted;
                if (!counted) { // the last burst's events over the time from its start to the next arrival
                    double perWindow = since <= 0 ? CATCHING_UP : Math.min(CATCHING_UP, (double) burstSize * windowNanos / since);
                    arrivals = WEIGHT * perWindow + (1 - WEIGHT) * arrivals;
                    counted = true;
                }
                if (since < windowNanos && burstSize < CATCHING_UP && arrivals >= BUSY) {
                    return false; // under load: held until the window has passed (the prompter asks again)
                }
                draining = true;
                counted = false;
                burstStarted = now;
                burstSize = 0;
                return true;
            }

            /**
             * Whether an event at or below the cap is available within the timeout: the next event may be beyond the cap
             * for now (a rebuild that has caught up with the live processor), and then this waits for the cap to move
             * rather than answer at once, so that a processor that waits with a timeout (a tracking processor) does not
             * spin.
             */
            private boolean availableWithinCap(int timeout, TimeUnit unit) throws InterruptedException {
                long deadline = System.nanoTime() + unit.toNanos(timeout);
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (!stream.hasNextAvailable((int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                    if (stream.peek().filter(this::within).isPresent()) {
                        return true;
                    }
                    if (left <= 0) {
                        return false;
                    }
                    Thread.sleep(Math.max(1, Math.min(CAP_RECHECK_MS, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            }

            private boolean within(TrackedEventMessage<?> m) {
                return cap == null || m.trackingToken().position().orElse(Long.MAX_VALUE) <= cap.getAsLong();
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                burstSize++;
                return stream.nextAvailable();
            }

            @Override
            public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
                stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
            }

            @Override
            public boolean setOnAvailableCallback(Runnable callback) {
                java.util.concurrent.ScheduledFuture<?> previous = prompting;
                if (previous != null) {
                    previous.cancel(false);
                }
                Runnable before = this.callback;
                if (before != null) {
                    callbacks.remove(before);
                }
                this.callback = callback;
                callbacks.add(callback);
                prompting = scheduler.scheduleWithFixedDelay(callback, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
                return true;
            }

            @Override
            public void close() {
                java.util.concurrent.ScheduledFuture<?> current = prompting;
                if (current != null) {
                    current.cancel(false);
                }
                Runnable registered = callback;
                if (registered != null) {
                    callbacks.remove(registered);
                }
                stream.close();
            }
        };
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }
}
