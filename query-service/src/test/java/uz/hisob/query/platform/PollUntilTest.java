package uz.hisob.query.platform;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            ReadModelProgress.pollUntil(() -> true, Duration.ofMillis(10), Duration.ofSeconds(5))
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
        ReadModelProgress.pollUntil(() -> asked.incrementAndGet() >= 3, Duration.ofMillis(5), Duration.ofSeconds(5))
                .block(Duration.ofSeconds(10));
        assertThat(asked.get()).isEqualTo(3);
        assertThatThrownBy(() -> ReadModelProgress.pollUntil(() -> false, Duration.ofMillis(5), Duration.ofMillis(100))
                .block(Duration.ofSeconds(10))).hasCauseInstanceOf(TimeoutException.class);
    }
}
