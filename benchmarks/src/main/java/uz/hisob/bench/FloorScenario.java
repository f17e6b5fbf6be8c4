package uz.hisob.bench;

import uz.hisob.bench.ClosedLoop.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 0: each service's <em>HTTP floor</em>, the CPU it spends per request that does nothing but answer 401
 * (no token) — Netty, the HTTP codec, WebFlux's dispatch and the security chain's refusal. Absolute CPU times differ
 * between machines by 5× here, so every CPU-per-operation figure of the later scenarios is judged against its
 * service's floor, measured in the same run ({@link BenchContext#measured()}). The load generator's own CPU per request
 * is shown beside it: it must stay far below what it measures.
 */
public final class FloorScenario implements Scenario {

    static final int CLIENTS = 16;

    @Override
    public String name() {
        return "0 HTTP floor";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        List<Result> rows = new ArrayList<>();
        // the reference: a bare Spring WebFlux application with the same JVM options, answering the same 401
        double bare;
        String bareNote;
        int port = freePort();
        try (ServiceProcess reference = ServiceProcess.startMain("bare-webflux", uz.hisob.bench.bare.BareWebFlux.class,
                BenchmarkRun.serviceJvmOptions(), List.of(Integer.toString(port)), "http://127.0.0.1:" + port,
                ctx.workDir().resolve("bare-webflux.log"))) {
            Api api = new Api(reference.baseUrl(), reference.baseUrl(), "nobody", "nobody");
            CpuMeter meter = new CpuMeter(reference.pid(), ctx.queryPid());
            Outcome floor = ClosedLoop.run("floor-bare", CLIENTS, i -> api.prepared(true, "GET", "/api/kitchens", null, 401, false),
                    o.warmup(), o.measure(), meter);
            bare = floor.cpuMicrosPerOp("command-service"); // the meter's first process: here, the bare application
            bareNote = floor.note().replace("command-service", "bare WebFlux");
            rows.add(Result.info("0 HTTP floor of a bare Spring WebFlux app (401), " + CLIENTS + " connections", "CPU per request",
                    bare, "µs", null, bareNote));
            rows.add(Result.info("0 HTTP floor of a bare Spring WebFlux app (401), " + CLIENTS + " connections", "throughput",
                    floor.perSecond(), "req/s", null, ""));
        }
        for (boolean commandService : new boolean[] {true, false}) {
            String service = commandService ? "command-service" : "query-service";
            Outcome floor = ClosedLoop.run("floor-" + service, CLIENTS,
                    i -> ctx.api().prepared(commandService, "GET", "/api/kitchens", null, 401, false), o.warmup(), o.measure(), ctx.cpu());
            double micros = floor.cpuMicrosPerOp(service);
            ctx.measured().put(service, micros);
            String scenario = "0 HTTP floor of the " + service + " (401 without a token), " + CLIENTS + " connections";
            rows.add(Result.ratio(scenario, "CPU per request ÷ a bare WebFlux app's", micros, "µs", bare, Target.ratioAtMost(1.3),
                    floor.note()));
            rows.add(Result.info(scenario, "throughput", floor.perSecond(), "req/s", null, ""));
            rows.add(Result.bounded(scenario, "load generator CPU per request", floor.cpuMicrosPerOp(ClosedLoop.Outcome.WORKERS), "µs",
                    Target.atMost(60), "the worker threads' own CPU time (the whole benchmark JVM: see the cores used)"));
        }
        return rows;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
