package uz.hisob.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: each service's start-up time (process spawned → {@code /actuator/health/readiness} UP) and its peak
 * resident memory over the whole run ({@code VmHWM} from {@code /proc/<pid>/status}, read when this scenario runs,
 * which is last), beside the largest {@code VmRSS} the run's sampler saw.
 */
public final class FootprintScenario implements Scenario {

    static final double MAX_RSS_MB = 512;
    static final double MAX_STARTUP_S = 8;

    @Override
    public String name() {
        return "6 Footprint";
    }

    @Override
    public List<Result> run(BenchContext ctx) {
        List<Result> rows = new ArrayList<>();
        for (ServiceProcess service : List.of(ctx.command(), ctx.query())) {
            String scenario = "6 " + service.name();
            rows.add(Result.bounded(scenario, "start-up (spawn → ready)", service.startup().toMillis() / 1000.0, "s",
                    Target.atMost(MAX_STARTUP_S), "pid " + service.pid()));
            service.sampleRssKb();
            rows.add(Result.bounded(scenario, "peak RSS (VmHWM)", service.peakRssKb() / 1024.0, "MB", Target.atMost(MAX_RSS_MB), ""));
            rows.add(Result.info(scenario, "largest sampled RSS (VmRSS)", service.maxSampledRssKb() / 1024.0, "MB", null,
                    "sampled every " + BenchmarkRun.RSS_SAMPLE_MS + " ms"));
        }
        return rows;
    }
}
