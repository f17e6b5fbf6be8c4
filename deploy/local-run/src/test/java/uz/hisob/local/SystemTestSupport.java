package uz.hisob.local;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uz.hisob.localstack.LocalStack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole system for the tests of this JVM: the shared local stack and both services, started once on first use
 * and stopped at exit. Tests talk to the services over HTTP only, as clients do.
 */
public abstract class SystemTestSupport {

    private static HisobSystem system;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    protected static synchronized HisobSystem system() {
        if (system == null) {
            LocalStack stack = LocalStack.shared();
            Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of("hisob.seed.demo", "true",
                    // snapshots every few events, so every test also loads kitchens from snapshots
                    "hisob.kitchen.snapshot-every", "5",
                    // and agents and projects likewise (each snapshot after the first reads the one before it)
                    "hisob.field.snapshot-every", "5",
                    // the month-end job runs when a test calls it, not on its own in the middle of other tests
                    "hisob.reports.month-end-first-check", "P1D",
                    // a rebuilt read model's previous generation goes soon, so a test sees it go
                    "hisob.rebuild.drop-old-after", "PT1S",
                    // a rebuild that makes no progress fails soon (RebuildNotCaughtUpTest)
                    "hisob.rebuild.stall-timeout", "PT5S",
                    // ledger checkpoints every second, so a test has one to verify against at once
                    "hisob.ledger.checkpoint-every", "PT1S",
                    // a receipt whose arrival was not booked is found within a second or two (InventoryTransfersTest)
                    "hisob.inventory.arrival-sweep", "PT0.5S",
                    "hisob.inventory.arrival-grace", "PT1S",
                    // visits whose day is over are marked missed within a second (FieldSalesTest)
                    "hisob.field.missed-sweep", "PT0.5S"));
            // deadlines (an order's expiry, a refund's retry) are found within half a second (OrdersTest)
            properties.put("hisob.sales.deadline-poll", "PT0.5S");
            // placements left unfinished are released within a second or two (OrdersTest)
            properties.put("hisob.sales.placement-sweep", "PT0.5S");
            // 1C runs: due and resumed runs found within half a second, pages of 100, an open circuit tried again after 3 s
            properties.put("hisob.onec.tick", "PT0.5S");
            properties.put("hisob.onec.page-size", "100");
            properties.put("hisob.onec.circuit-open-for", "PT3S");
            HisobSystem started = HisobSystem.start(stack, 0, 0, properties);
            LocalStack.beforeSharedStop(started::close);
            system = started;
        }
        return system;
    }

    /**
     * A connection per request: the tests start and stop whole services in this JVM, and a pooled keep-alive
     * connection to a server that went away must never be what a test waits on.
     */
    static final org.springframework.http.client.reactive.ReactorClientHttpConnector CONNECTOR =
            new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                    reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection()));

    protected static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer(CONNECTOR).baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The event store's database, as the command-service reaches it. */
    protected static org.springframework.jdbc.core.JdbcTemplate eventsDb() {
        return system().commandContext().getBean(org.springframework.jdbc.core.JdbcTemplate.class);
    }

    /** The read models' database, as the query-service reaches it. */
    protected static org.springframework.jdbc.core.JdbcTemplate queryDb() {
        return system().queryContext().getBean("jdbcTemplate", org.springframework.jdbc.core.JdbcTemplate.class);
    }

    protected static WebTestClient commands() {
        return client(system().commandUrl());
    }

    protected static WebTestClient queries() {
        return client(system().queryUrl());
    }

    /** A fresh access token for a seeded demo user (password = username), cached per test JVM. */
    protected static String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> {
            Map<?, ?> body = commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", u, "password", u))
                    .exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            return (String) body.get("access_token");
        });
    }

    protected static String bearer(String username) {
        return "Bearer " + token(username);
    }

    /**
     * A second command-service process on the same database (fresh caches, its own signing key), as after a restart
     * or on another node. Close it when done.
     */
    protected static org.springframework.context.ConfigurableApplicationContext extraCommandService(int port, Map<String, String> extra) {
        Map<String, Object> props = new java.util.LinkedHashMap<>(system().stack().springProperties());
        props.put("server.port", port);
        props.put("server.address", "127.0.0.1");
        props.put("hisob.security.issuer", system().commandUrl());
        props.put("hisob.security.signing-key-file", "");
        props.putAll(HisobSystem.paymentProperties(system().stripe(), system().paypal()));
        props.put("hisob.onec.secret-key", HisobSystem.ONEC_SECRET_KEY);
        props.put("hisob.onec.tick", "PT0.5S");
        props.put("hisob.onec.page-size", "100");
        props.putAll(extra);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return uz.hisob.command.CommandServiceApplication.builder().registerShutdownHook(false).run(args);
    }

    /**
     * A second query-service process on the same databases and index, as another node behind a load balancer: the
     * first instance keeps processing the read models. Close it when done.
     */
    protected static org.springframework.context.ConfigurableApplicationContext extraQueryService(int port) {
        return extraQueryService(port, Map.of());
    }

    /** As {@link #extraQueryService(int)}, with {@code extra} properties over the usual ones. */
    protected static org.springframework.context.ConfigurableApplicationContext extraQueryService(int port, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.LinkedHashMap<>(system().stack().springProperties());
        props.put("server.port", port);
        props.put("server.address", "127.0.0.1");
        props.put("hisob.security.issuer", system().commandUrl());
        props.put("hisob.security.jwk-set-uri", system().commandUrl().replace("localhost", "127.0.0.1") + "/.well-known/jwks.json");
        props.put("hisob.reports.month-end-first-check", "P1D");
        props.put("hisob.node-id", "query-service-" + port);
        props.putAll(extra);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return uz.hisob.query.QueryServiceApplication.builder().registerShutdownHook(false).run(args);
    }

    /** A token from another command-service instance (each signs with its own key unless configured alike). */
    protected static String login(WebTestClient client, String user) {
        Map<?, ?> pair = client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", user)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) pair.get("access_token");
    }

    /** A unique id for resources a test creates, so tests never depend on one another's data. */
    protected static String uniqueId(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
