package uz.hisob.bench;

import java.time.Duration;

/**
 * How long to measure. {@link #quickRun()} is the CI variant (the whole run, stack start included, under two
 * minutes); {@link #fullRun()} the one whose figures go into docs/benchmarks.md (under fifteen minutes).
 *
 * @param quick   the CI variant
 * @param warmup  load before every measured window (JIT, caches, connection pools)
 * @param measure every measured closed-loop window
 * @param lag     the window of the projection-lag samplers
 */
public record Options(boolean quick, Duration warmup, Duration measure, Duration lag) {

    public static Options quickRun() {
        return new Options(true, Duration.ofMillis(1500), Duration.ofMillis(3500), Duration.ofSeconds(5));
    }

    public static Options fullRun() {
        return new Options(false, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** These options with other windows (for trying one scenario while developing). */
    public Options with(Duration warmup, Duration measure) {
        return new Options(quick, warmup, measure, measure);
    }

    public String mode() {
        return quick ? "quick" : "full";
    }
}
