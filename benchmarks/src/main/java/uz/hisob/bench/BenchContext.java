package uz.hisob.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link Scenario} gets: the running system (both services as separate processes on the local stack), how to
 * reach its databases directly (for references), an authenticated HTTP helper, and the shared fixture.
 *
 * @param options          durations of this run (quick or full)
 * @param eventsDb         the event store database ({@code hisob_events}), as the command-service uses it
 * @param queryDb          the read-model database ({@code hisob_query}), as the query-service uses it
 * @param elasticsearchUrl the search node, e.g. {@code http://127.0.0.1:9200}
 * @param api              logged in as the demo {@code admin} (tenant {@code demo}, every role of the tenant)
 * @param operator         logged in as the demo {@code operator}: processors and rebuilds, no tenant data
 * @param command          the command-service process (pid, start-up time, memory)
 * @param query            the query-service process
 * @param fixture          kitchens loaded through the API before the scenarios run
 * @param cpu              CPU used by each part of the system (pass it to {@link ClosedLoop#run})
 * @param postgresSettings durability and version settings as PostgreSQL reports them ({@code SHOW …})
 * @param workDir          this run's folder: service logs, GC logs
 * @param measured         figures later scenarios are judged by, once measured in this run: each service's HTTP
 *                         floor (CPU µs per 401 answered, by service name; {@link FloorScenario}), and
 *                         {@link #RATE_1A} (scenario 1a's commands/s; the lag scenario loads at half of it)
 */
public record BenchContext(Options options, Database eventsDb, Database queryDb, String elasticsearchUrl, Api api, Api operator,
                           ServiceProcess command, ServiceProcess query, Fixture fixture,
                           CpuMeter cpu, Map<String, String> postgresSettings, Path workDir,
                           Map<String, Double> measured) {

    /** The key of scenario 1a's throughput (commands/s) in {@link #measured()}. */
    public static final String RATE_1A = "1a cmd/s";
    /** The key of scenario 1a's command-service CPU per command (µs), what a POS take is held to. */
    public static final String SERVE_CPU_1A = "1a command-service µs/op";
    /** The key of scenario 1a's query-service CPU per command (µs): projecting a serving. */
    public static final String SERVE_PROJECTED_CPU_1A = "1a query-service µs/op";

    /**
     * A row comparing {@code part}'s CPU per operation of {@code outcome} with that service's HTTP floor (lower is
     * better), or an informational row when the floor was not measured in this run.
     */
    public Result cpuPerOp(String scenario, String part, ClosedLoop.Outcome outcome, Double maxFloors) {
        double micros = outcome.cpuMicrosPerOp(part);
        Double floor = measured.get(part);
        if (floor == null || maxFloors == null) {
            return Result.info(scenario, part + " CPU per op", micros, "µs", floor, "");
        }
        return Result.ratio(scenario, part + " CPU per op ÷ its HTTP floor", micros, "µs", floor, Target.ratioAtMost(maxFloors),
                String.format(java.util.Locale.ROOT, "floor %.0f µs", floor));
    }

    public String commandUrl() {
        return command.baseUrl();
    }

    public String queryUrl() {
        return query.baseUrl();
    }

    public long commandPid() {
        return command.pid();
    }

    public long queryPid() {
        return query.pid();
    }
}
