package uz.hisob.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The self-contained local stack: an embedded PostgreSQL 17 and a single Elasticsearch 8.19 node, both on loopback.
 *
 * <p>Used by the run command (data kept in a folder across restarts) and by the integration tests (one stack per
 * test JVM, see {@link #shared()}). Nothing has to be installed: PostgreSQL comes from zonky's binaries on Maven
 * Central, Elasticsearch from its integ-test distribution zip on Maven Central.
 */
public final class LocalStack implements AutoCloseable {

    /** Database holding the event store, snapshots, users, refresh tokens and idempotency records. */
    public static final String EVENTS_DB = "hisob_events";
    /** Database holding the read models, the query side's tracking tokens and stored reports. */
    public static final String QUERY_DB = "hisob_query";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static LocalStack shared;
    private static final java.util.List<Runnable> BEFORE_SHARED_STOP = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile EmbeddedPostgres postgres;
    private final Path postgresDir;
    private final int postgresPort;
    private final ElasticsearchNode elasticsearch;

    private LocalStack(EmbeddedPostgres postgres, Path postgresDir, ElasticsearchNode elasticsearch) {
        this.postgres = postgres;
        this.postgresDir = postgresDir;
        this.postgresPort = postgres.getPort();
        this.elasticsearch = elasticsearch;
    }

    /**
     * Starts a stack.
     *
     * @param home       folder for the stack's data ({@code postgres/}, {@code elasticsearch/})
     * @param persistent keep data found in {@code home} (run command) or start clean (tests)
     * @param pgPort     PostgreSQL port, 0 for a free one
     * @param esPort     Elasticsearch HTTP port, 0 for a free one
     * @param withSearch start Elasticsearch too
     */
    public static LocalStack start(Path home, boolean persistent, int pgPort, int esPort, boolean withSearch) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(home);
            EmbeddedPostgres pg = startPostgres(home.resolve("postgres"), persistent, pgPort);
            ElasticsearchNode es = null;
            try {
                createDatabase(pg, EVENTS_DB);
                createDatabase(pg, QUERY_DB);
                if (withSearch) {
                    es = ElasticsearchNode.start(home.resolve("elasticsearch"), persistent, esPort);
                }
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            LocalStack stack = new LocalStack(pg, home.resolve("postgres"), es);
            log.info("Local stack up in {} ms: PostgreSQL on port {}, Elasticsearch {}",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), pg.getPort(),
                    es == null ? "not started" : es.url());
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one stack of this JVM, for integration tests: started on first use in a fresh temporary folder, shared by
     * every test, stopped (and its folder deleted) when the JVM exits.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            try {
                Path home = Files.createTempDirectory("hisob-test-stack-");
                LocalStack stack = start(home, false, 0, 0, true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Runnable r : BEFORE_SHARED_STOP) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            log.warn("Stopping a user of the shared stack failed: {}", e.toString());
                        }
                    }
                    stack.close();
                    Fs.deleteRecursively(home);
                }, "hisob-test-stack-stop"));
                shared = stack;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Runs {@code action} (e.g. stopping services that use the shared stack) before the shared stack stops. */
    public static void beforeSharedStop(Runnable action) {
        BEFORE_SHARED_STOP.add(action);
    }

    /**
     * Stops PostgreSQL as an outage would (its data stays): for fault tests. {@link #startPostgresAgain()} brings it
     * back on the same port and data. The embedded server refuses a root start outside zonky's launcher, so this closes
     * it and starts a new one rather than signalling the process.
     */
    public synchronized void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After {@link #stopPostgres()}: the same server again, same port, same data. */
    public synchronized void startPostgresAgain() {
        try {
            postgres = startPostgres(postgresDir, true, postgresPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, boolean persistent, int port) throws IOException {
        Files.createDirectories(dataDir.getParent());
        if (!persistent) {
            // a fresh start; the folder is its owner's to delete (zonky's own cleaning would also delete it when the
            // server stops, and a fault test stops it and starts it again on the same data)
            Fs.deleteRecursively(dataDir);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // A ledger is never made faster by losing committed work: durability as in production.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private static void createDatabase(EmbeddedPostgres pg, String name) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public int postgresPort() {
        return postgresPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "";
    }

    /** The Elasticsearch base URL, e.g. {@code http://127.0.0.1:9200}; null when started without search. */
    public String elasticsearchUrl() {
        return elasticsearch == null ? null : elasticsearch.url();
    }

    /**
     * Spring properties that point both services at this stack (the names the services read; every one can also be
     * given as an environment variable in the usual Spring way).
     */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hisob.events-db.url", jdbcUrl(EVENTS_DB));
        p.put("hisob.events-db.username", username());
        p.put("hisob.events-db.password", password());
        p.put("hisob.query-db.url", jdbcUrl(QUERY_DB));
        p.put("hisob.query-db.r2dbc-url", r2dbcUrl(QUERY_DB));
        p.put("hisob.query-db.username", username());
        p.put("hisob.query-db.password", password());
        if (elasticsearch != null) {
            p.put("spring.elasticsearch.uris", elasticsearch.url());
        }
        return p;
    }

    @Override
    public synchronized void close() {
        // the two stop independently, each taking seconds: side by side
        Thread search = elasticsearch == null ? null
                : Thread.ofPlatform().name("stop-elasticsearch").start(elasticsearch::close);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            joinUninterruptibly(search);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
