package uz.hisob.bench;

import uz.hisob.bench.ClosedLoop.Outcome;
import uz.hisob.bench.ClosedLoop.Worker;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 8, field sales (#14): a project of {@value #CLIENTS} clients (a full run; the quick run has
 * {@value #QUICK_CLIENTS}) around Tashkent, then, each over HTTP, closed loop, 4 connections: a page of the client
 * list (every page of the project, 50 clients, by name), clients {@code nearby} a place within 1 km, and a search for
 * a client's name; each answer under 100 ms at p99. Then GPS track ingest: 16 agents upload batches of 1 000 new
 * points each ({@code POST /api/agents/me/track}), 16 connections, at least 10 000 points a second accepted.
 */
public final class FieldScenario implements Scenario {

    static final int CLIENTS = 70_000;
    static final int QUICK_CLIENTS = 5_000;
    /** Users of a list at once: the latency a user sees, with the machine's two cores not saturated by the reads alone. */
    static final int CONNECTIONS = 4;
    static final int AGENTS = 16;
    static final int BATCH = 1000;
    static final String PROJECT = "bench-field";
    static final String[] WORDS = {"Baraka", "Nur", "Oila", "Sharq", "Bahor", "Orzu", "Mehr", "Saodat", "Восток", "Радуга", "Семья", "Удача"};

    @Override
    public String name() {
        return "8 Field sales";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        int clients = o.quick() ? QUICK_CLIENTS : CLIENTS;
        Api api = ctx.api();
        long seeded = seed(api, clients);
        int pages = clients / 50;
        Outcome list = ClosedLoop.run("field-list", CONNECTIONS, i -> api.prepared(false, "GET",
                "/api/projects/" + PROJECT + "/clients?size=50&page=" + ((i * 7919L + 13) % pages), null, 200, true), o.warmup(), o.measure(), ctx.cpu());
        Outcome nearby = ClosedLoop.run("field-nearby", CONNECTIONS, i -> {
            double[] at = place(i * 104729L);
            return api.prepared(false, "GET", String.format(Locale.ROOT, "/api/projects/%s/clients/nearby?lat=%.6f&lon=%.6f&radiusMeters=1000",
                    PROJECT, at[0], at[1]), null, 200, true);
        }, o.warmup(), o.measure(), ctx.cpu());
        Outcome search = ClosedLoop.run("field-search", CONNECTIONS, i -> api.prepared(false, "GET",
                "/api/search?type=client&q=" + java.net.URLEncoder.encode(WORDS[i % WORDS.length], StandardCharsets.UTF_8), null, 200, true),
                o.warmup(), o.measure(), ctx.cpu());
        List<Api> agents = agents(api);
        Instant start = Instant.now().minus(Duration.ofDays(6));
        Outcome ingest = ClosedLoop.run("field-track", AGENTS, i -> track(agents.get(i), start), o.warmup(), o.measure(), ctx.cpu());

        List<Result> rows = new ArrayList<>();
        String c = String.format(Locale.ROOT, "8 field clients (%,d in a project), 4 connections", clients);
        add(rows, c + ": list page", list);
        add(rows, c + ": nearby 1 km", nearby);
        add(rows, c + ": search", search);
        String t = "8 field track ingest, 16 agents × batches of 1 000 points";
        double points = ingest.perSecond() * BATCH;
        rows.add(Result.ratio(t, "points accepted per second ÷ 10 000", points, "points/s", 10_000, Target.ratioAtLeast(1.0), ingest.note()));
        rows.add(Result.info(t, "command-service CPU per point", ingest.cpuMicrosPerOp("command-service") / BATCH, "µs", null, ""));
        rows.add(Result.info(t, "query-service CPU per point (projected meanwhile)", ingest.cpuMicrosPerOp("query-service") / BATCH, "µs", null, ""));
        rows.add(Result.info(c, "seeding the clients over HTTP", seeded / 1000.0, "s", null, "bulk registrations of 500, 4 at once"));
        return rows;
    }

    private static void add(List<Result> rows, String scenario, Outcome outcome) {
        rows.add(Result.bounded(scenario, "latency p99", outcome.ms(99), "ms", Target.atMost(100), outcome.note()));
        rows.add(Result.info(scenario, "latency p50", outcome.ms(50), "ms", null, ""));
        rows.add(Result.info(scenario, "throughput", outcome.perSecond(), "req/s", null, ""));
    }

    /** A place around Tashkent, the same for the same seed. */
    static double[] place(long seed) {
        java.util.Random r = new java.util.Random(seed);
        return new double[] {41.2 + r.nextDouble() * 0.22, 69.12 + r.nextDouble() * 0.3};
    }

    /** The project and its clients, unless a run made them before (answers the milliseconds it took). */
    static long seed(Api api, int clients) throws Exception {
        long started = System.nanoTime();
        HttpClient client = Api.newClient();
        Api.Response project = api.post(client, "/api/projects", Map.of("id", PROJECT, "name", "Bench field sales"));
        if (project.status() == 409) {
            return 0;
        }
        if (project.status() != 201) {
            throw new IOException("Creating the bench project answered " + project.status() + ": " + project.body());
        }
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int from = 0; from < clients; from += 500) {
                int first = from;
                work.add(pool.submit(() -> {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int n = first; n < Math.min(clients, first + 500); n++) {
                        double[] at = place(n);
                        batch.add(Map.of("id", String.format("c-%06d", n), "name", WORDS[n % WORDS.length] + " do'koni " + n,
                                "address", "Toshkent, " + (n % 97) + "-uy", "tin", Integer.toString(400_000_000 + n),
                                "location", Map.of("lat", at[0], "lon", at[1])));
                    }
                    long position = api.command(Api.newClient(), "/api/projects/" + PROJECT + "/clients/bulk", Map.of("clients", batch))
                            .get("position").asLong();
                    last.accumulateAndGet(position, Math::max);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // measured once the read model and the search index hold every client (a read waits up to 5 s, then 503)
        for (String read : List.of("/api/projects/" + PROJECT + "/clients?size=1&minPosition=", "/api/search?type=client&q=nur&minPosition=")) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (api.get(client, read + last.get()).status() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("The clients were not projected within 10 minutes: " + read);
                }
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The project's agents, made on first use, each with its own token. */
    static List<Api> agents(Api api) throws IOException {
        HttpClient client = Api.newClient();
        List<Api> agents = new ArrayList<>();
        for (int i = 1; i <= AGENTS; i++) {
            String username = String.format("bench-agent-%02d", i);
            Api.Response r = api.post(client, "/api/projects/" + PROJECT + "/agents", Map.of("id", String.format("agent-%02d", i),
                    "username", username, "password", username, "name", "Bench agent " + i));
            if (r.status() != 201 && r.status() != 409) {
                throw new IOException("Enrolling " + username + " answered " + r.status() + ": " + r.body());
            }
            agents.add(new Api(api.commandUrl(), api.queryUrl(), username, username));
        }
        return agents;
    }

    /**
     * Batches of 1 000 new points 200 ms apart, from {@code start} on (six days back, so that thousands of batches
     * stay in the past); a batch not accepted whole counts as an error.
     */
    static Worker track(Api agent, Instant start) {
        RawHttp http = new RawHttp(agent.commandUrl());
        return new Worker() {
            private long tenth;
            private final double[] at = place(System.nanoTime());

            @Override
            public boolean call() throws IOException {
                StringBuilder body = new StringBuilder(BATCH * 110).append("{\"points\":[");
                for (int p = 0; p < BATCH; p++) {
                    if (p > 0) {
                        body.append(',');
                    }
                    at[0] += 0.00002;
                    body.append("{\"at\":\"").append(start.plusMillis(200 * tenth++)).append("\",\"lat\":")
                            .append(String.format(Locale.ROOT, "%.6f", at[0])).append(",\"lon\":").append(String.format(Locale.ROOT, "%.6f", at[1]))
                            .append(",\"accuracyMeters\":8}");
                }
                body.append("]}");
                int status = http.send(http.prepare("POST", "/api/agents/me/track", agent.token(), "application/json",
                        body.toString().getBytes(StandardCharsets.UTF_8)));
                if (status != 202) {
                    throw new IOException("POST /api/agents/me/track answered " + status + ": " + http.body());
                }
                if (!http.body().contains("\"accepted\":" + BATCH + ",")) {
                    throw new IOException("A batch was not accepted whole: " + http.body());
                }
                return true;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
