package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import uz.hisob.query.QueryServiceApplication;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch down: search answers 503 {@code UNAVAILABLE} with {@code Retry-After}, every other read keeps working
 * from PostgreSQL, and the service stays ready (search shows as DEGRADED in the health details).
 */
class SearchDownTest extends SystemTestSupport {

    @Test
    void onlySearchIsAffected() throws InterruptedException {
        system(); // the events exist and the shared stack is up
        JdbcTemplate admin = new JdbcTemplate(new org.springframework.jdbc.datasource.SimpleDriverDataSource(
                new org.postgresql.Driver(), system().stack().jdbcUrl("postgres"), "postgres", ""));
        String db = "hisob_query_nosearch";
        if (admin.queryForList("SELECT 1 FROM pg_database WHERE datname = ?", db).isEmpty()) {
            admin.execute("CREATE DATABASE " + db);
        }
        int port = HisobSystem.freePort();
        int deadEsPort = HisobSystem.freePort(); // nothing listens there
        Map<String, Object> props = new LinkedHashMap<>(system().stack().springProperties());
        props.put("hisob.query-db.url", system().stack().jdbcUrl(db));
        props.put("hisob.query-db.r2dbc-url", system().stack().r2dbcUrl(db));
        props.put("spring.elasticsearch.uris", "http://127.0.0.1:" + deadEsPort);
        props.put("server.port", port);
        props.put("server.address", "127.0.0.1");
        props.put("hisob.security.issuer", system().commandUrl());
        props.put("hisob.security.jwk-set-uri", system().commandUrl() + "/.well-known/jwks.json");
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext ctx = QueryServiceApplication.builder().registerShutdownHook(false).run(args)) {
            assertThat(ctx.isActive()).isTrue();
            WebTestClient client = client("http://localhost:" + port);
            CommonHttpContractTest.expectProblem(client.get().uri("/api/search?q=kartoshka").header("Authorization", bearer("cook"))
                    .exchange().expectHeader().exists("Retry-After"), HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE");
            client.get().uri("/api/kitchens").header("Authorization", bearer("cook")).exchange().expectStatus().isOk();
            client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.components.search.status").isEqualTo("DEGRADED");
            client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            // its search processor keeps failing for seconds: a dependency that is down is no event's fault, so
            // nothing is parked as a dead letter (it would stay out of the index once Elasticsearch is back)
            Thread.sleep(4000);
            JdbcTemplate thisDb = new JdbcTemplate(new org.springframework.jdbc.datasource.SimpleDriverDataSource(
                    new org.postgresql.Driver(), system().stack().jdbcUrl(db), "postgres", ""));
            assertThat(thisDb.queryForObject("SELECT count(*) FROM dead_letter_entry", Integer.class)).isZero();
            assertThat(thisDb.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'search'", Integer.class)).isPositive();
        }
    }
}
