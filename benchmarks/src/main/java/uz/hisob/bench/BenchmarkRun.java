package uz.hisob.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.hisob.localstack.LocalStack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run: a fresh local stack (PostgreSQL 17 with fsync and synchronous commit on, Elasticsearch 8.19),
 * both services spawned as separate {@code java -jar} processes with production settings, the {@link Fixture}
 * loaded through the API, then every {@link #scenarios() scenario} in turn. {@link #close()} stops everything
 * (also from a shutdown hook, on Ctrl-C).
 */
public final class BenchmarkRun implements AutoCloseable {

    static final long RSS_SAMPLE_MS = 250;
    private static final Logger log = LoggerFactory.getLogger(BenchmarkRun.class);

    /**
     * JVM options of both services: what an operator of a small (2-core, shared) box would give a Spring Boot
     * service with a 512 MB memory budget. See docs/benchmarks.md. {@code HISOB_BENCH_JAVA_OPTS} replaces them.
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xmx192m", "-XX:+ExitOnOutOfMemoryError");

    /** What a run produced. */
    public record Report(Options options, Instant startedAt, Duration took, Map<String, Object> environment,
                         List<Result> results, List<String> failures, Path workDir) {
    }

    private final Options options;
    private final Path commandJar;
    private final Path queryJar;
    private final List<String> jvmOptions;
    private final List<String> only;
    private Path workDir;
    private LocalStack stack;
    private ServiceProcess command;
    private ServiceProcess query;
    private Thread rssSampler;
    private boolean closed;

    public BenchmarkRun(Options options, Path commandJar, Path queryJar, List<String> jvmOptions) {
        this(options, commandJar, queryJar, jvmOptions, List.of());
    }

    /** As above, running only the scenarios whose name starts with one of {@code only} (all when empty). */
    public BenchmarkRun(Options options, Path commandJar, Path queryJar, List<String> jvmOptions, List<String> only) {
        this.options = options;
        this.commandJar = commandJar;
        this.queryJar = queryJar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.only = List.copyOf(only);
    }

    /** The scenarios, in the order they run (footprint last: it reads the peak memory of the whole run). */
    public static List<Scenario> scenarios() {
        return List.of(new FloorScenario(), new ServeMealScenario(), new PosTakeScenario(), new ProjectionLagScenario(), new ReadScenario(), new FieldScenario(), new OnecScenario(), new HistoryScenarios.Replay(),
                new HistoryScenarios.Rebuild(), new FootprintScenario());
    }

    /** The JVM options for the services: {@code HISOB_BENCH_JAVA_OPTS} if set, else the defaults above. */
    public static List<String> serviceJvmOptions() {
        String env = System.getenv("HISOB_BENCH_JAVA_OPTS");
        return env == null || env.isBlank() ? DEFAULT_SERVICE_JVM_OPTIONS : Arrays.asList(env.trim().split("\\s+"));
    }

    /** Starts everything, runs every scenario, stops everything. A failing scenario is reported, the others run. */
    public Report run() throws Exception {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Object> environment;
        try {
            BenchContext ctx = start();
            environment = Environment.describe(ctx, jvmOptions);
            for (Scenario scenario : scenarios()) {
                if (!only.isEmpty() && only.stream().noneMatch(scenario.name()::startsWith)) {
                    continue;
                }
                log.info("Scenario {} …", scenario.name());
                long s0 = System.nanoTime();
                try {
                    List<Result> rows = scenario.run(ctx);
                    results.addAll(rows);
                    log.info("Scenario {} done in {} s", scenario.name(), Duration.ofNanos(System.nanoTime() - s0).toSeconds());
                } catch (Exception e) {
                    log.error("Scenario {} failed", scenario.name(), e);
                    failures.add(scenario.name() + ": " + e);
                }
            }
        } finally {
            close();
        }
        return new Report(options, startedAt, Duration.ofNanos(System.nanoTime() - t0), environment, results, failures, workDir);
    }

    private BenchContext start() throws Exception {
        workDir = Files.createTempDirectory("hisob-bench-");
        log.info("Benchmark ({} variant); service logs in {}", options.mode(), workDir);
        long s0 = System.nanoTime();
        stack = LocalStack.start(workDir.resolve("stack"), false, 0, 0, true);
        log.info("Local stack up in {} ms", Duration.ofNanos(System.nanoTime() - s0).toMillis());

        int cmdPort = freePort();
        int qryPort = freePort();
        // as HisobSystem builds them, minus the run command's own choices: production defaults otherwise
        Map<String, String> common = new LinkedHashMap<>(stack.springProperties());
        common.put("server.address", "127.0.0.1");
        common.put("hisob.security.issuer", "http://localhost:" + cmdPort);
        common.put("hisob.seed.demo", "true");
        common.put("hisob.seed.extra-tenants", Integer.toString(Fixture.TENANTS));
        Map<String, String> cmd = new LinkedHashMap<>(common);
        cmd.put("server.port", Integer.toString(cmdPort));
        cmd.put("hisob.onec.secret-key", "hisob-benchmark-key");
        Map<String, String> qry = new LinkedHashMap<>(common);
        qry.put("server.port", Integer.toString(qryPort));
        qry.put("hisob.security.jwk-set-uri", "http://127.0.0.1:" + cmdPort + "/.well-known/jwks.json");

        // production start-up (docs/operations.md): from an extracted jar with an AOT cache trained once per build;
        // the quick variant starts the exec jars as they are (-Dhisob.bench.aot=true|false overrides either)
        boolean aot = Boolean.parseBoolean(System.getProperty("hisob.bench.aot", Boolean.toString(!options.quick())));
        AotCache.Prepared cmdRun = aot ? AotCache.prepare("command-service", commandJar, jvmOptions, cmd, workDir)
                : new AotCache.Prepared(commandJar, jvmOptions);
        command = ServiceProcess.start("command-service", cmdRun.jar(), withGcLog("command-service", cmdRun.jvmOptions()), cmd,
                "http://127.0.0.1:" + cmdPort, workDir.resolve("command-service.log"));
        log.info("command-service (pid {}) ready in {} ms", command.pid(), command.startup().toMillis());
        AotCache.Prepared qryRun = aot ? AotCache.prepare("query-service", queryJar, jvmOptions, qry, workDir)
                : new AotCache.Prepared(queryJar, jvmOptions);
        query = ServiceProcess.start("query-service", qryRun.jar(), withGcLog("query-service", qryRun.jvmOptions()), qry,
                "http://127.0.0.1:" + qryPort, workDir.resolve("query-service.log"));
        log.info("query-service (pid {}) ready in {} ms", query.pid(), query.startup().toMillis());
        rssSampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sampleRss);

        Database events = new Database(LocalStack.EVENTS_DB, stack.jdbcUrl(LocalStack.EVENTS_DB), stack.username(), stack.password());
        Database queryDb = new Database(LocalStack.QUERY_DB, stack.jdbcUrl(LocalStack.QUERY_DB), stack.username(), stack.password());
        Api api = new Api(command.baseUrl(), query.baseUrl(), "admin", "admin");
        s0 = System.nanoTime();
        Fixture fixture = Fixture.load(api);
        log.info("Fixture: {} commands through the API in {} ms", fixture.commands(), Duration.ofNanos(System.nanoTime() - s0).toMillis());
        // processors and rebuilds are the platform operator's (audit.md)
        Api operator = new Api(command.baseUrl(), query.baseUrl(), "operator", "operator");
        return new BenchContext(options, events, queryDb, stack.elasticsearchUrl(), api, operator, command, query, fixture,
                new CpuMeter(command.pid(), query.pid()), postgresSettings(events), workDir, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private List<String> withGcLog(String service, List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xlog:gc:file=" + workDir.resolve(service + "-gc.log"));
        return options;
    }

    private void sampleRss() {
        while (!Thread.currentThread().isInterrupted()) {
            command.sampleRssKb();
            query.sampleRssKb();
            try {
                Thread.sleep(RSS_SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The settings that decide what a commit costs, as the server reports them. */
    static Map<String, String> postgresSettings(Database db) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "shared_buffers", "max_wal_size", "checkpoint_timeout")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the query-service, the command-service, then the stack, and deletes the stack's data (logs stay). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rssSampler != null) {
            rssSampler.interrupt();
        }
        // both services stop gracefully side by side (each takes seconds), then the stack
        Thread queryStop = query == null ? null : Thread.ofPlatform().name("stop-query-service").start(query::close);
        try {
            if (command != null) {
                command.close();
            }
        } finally {
            try {
                if (queryStop != null) {
                    queryStop.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (stack != null) {
                    stack.close();
                    deleteRecursively(workDir.resolve("stack"));
                }
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            org.springframework.util.FileSystemUtils.deleteRecursively(root);
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", root, e.toString());
        }
    }
}
