package uz.hisob.query.platform;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What runs after a minPosition wait (the whole request: a search's connection lease among it) must never find its
 * thread interrupted. A poll whose first look succeeds used to be cancelled before its scheduler had handed back the
 * task's future; the subscriber then cancelled that future with interruption, and the interrupt landed in the request
 * already running on the polling thread (seen as Elasticsearch's "connection lease cancelled", a 503 for no reason).
 */
class PollUntilTest {

    @Test
    void whatFollowsTheWaitIsNeverInterrupted() {
        AtomicInteger interrupted = new AtomicInteger();
        int rounds = 2000;
        for (int i = 0; i < rounds; i++) {
            ReadModelProgress.pollUntil(() -> true, Mono::never, Duration.ofMillis(10), Duration.ofSeconds(5))
                    .then(Mono.fromRunnable(() -> {
                        try {
                            Thread.sleep(0, 200_000); // a blocking step of the request: the late interrupt lands here
                        } catch (InterruptedException e) {
                            interrupted.incrementAndGet();
                        }
                        if (Thread.interrupted()) {
                            interrupted.incrementAndGet();
                        }
                    }))
                    .block(Duration.ofSeconds(10));
        }
        assertThat(interrupted.get()).as("requests that found their thread interrupted, of %d", rounds).isZero();
    }

    @Test
    void waitsUntilTheCheckHoldsThenTimesOut() {
        AtomicInteger asked = new AtomicInteger();
        ReadModelProgress.pollUntil(() -> asked.incrementAndGet() >= 3, Mono::never, Duration.ofMillis(5), Duration.ofSeconds(5))
                .block(Duration.ofSeconds(10));
        assertThat(asked.get()).isEqualTo(3);
        assertThatThrownBy(() -> ReadModelProgress.pollUntil(() -> false, Mono::never, Duration.ofMillis(5), Duration.ofMillis(100))
                .block(Duration.ofSeconds(10))).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aFinishedBatchMakesItLookAgainLongBeforeThePoll() throws InterruptedException {
        BatchCommits batches = new BatchCommits();
        AtomicBoolean applied = new AtomicBoolean();
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger(); // the waits for the next batch begun (each after a look)
        CountDownLatch done = new CountDownLatch(1);
        Disposable waiting = ReadModelProgress.pollUntil(() -> {
            asked.incrementAndGet();
            return applied.get();
        }, () -> {
            waits.incrementAndGet();
            return batches.next();
        }, Duration.ofSeconds(30), Duration.ofSeconds(60)).subscribe(null, e -> { }, done::countDown);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> waits.get() == 1);
            batches.signal(); // a batch that did not apply it: one more look, and still waiting
            await().atMost(Duration.ofSeconds(5)).until(() -> waits.get() == 2);
            assertThat(asked.get()).isEqualTo(2);
            assertThat(done.getCount()).isEqualTo(1);
            applied.set(true);
            batches.signal();
            // the poll is 30 s: done within 5 s means the batch's end made it look
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(asked.get()).isEqualTo(3);
        } finally {
            waiting.dispose();
        }
    }
}
