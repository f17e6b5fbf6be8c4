package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under the running services and comes back (issue #11.4, common.md): while it is down every request
 * that needs it answers 503 with {@code Retry-After} within 5 s, readiness says DOWN within 1 s; once it is back the
 * very first read and write succeed, and the read models catch up with what was written.
 */
class DatabaseOutageTest extends SystemTestSupport {

    record Timed(EntityExchangeResult<byte[]> result, Duration took) {
    }

    static Timed timed(Supplier<WebTestClient.ResponseSpec> call) {
        Instant start = Instant.now();
        EntityExchangeResult<byte[]> result = call.get().expectBody().returnResult();
        return new Timed(result, Duration.between(start, Instant.now()));
    }

    static void unavailableQuickly(Timed t) {
        System.out.println("DatabaseOutageTest: " + t.result().getMethod() + " " + t.result().getUrl().getPath() + " answered "
                + t.result().getStatus().value() + " in " + t.took().toMillis() + " ms");
        assertThat(t.result().getStatus().value()).as("status of %s", t.result().getUrl()).isEqualTo(503);
        assertThat(t.took()).as("time to answer %s", t.result().getUrl()).isLessThan(Duration.ofSeconds(5));
        assertThat(t.result().getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(t.result().getResponseHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(new String(t.result().getResponseBodyContent())).contains("\"code\":\"UNAVAILABLE\"");
    }

    /** Retries {@code call} for up to 15 s until it answers {@code status}; every other answer must be a quick 503. */
    static void eventually(Supplier<WebTestClient.ResponseSpec> call, int status, KitchenApi remember) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            Timed t = timed(call);
            if (t.result().getStatus().value() == status) {
                if (remember != null) {
                    Map<?, ?> body = IdempotencyTest.json(new String(t.result().getResponseBodyContent()));
                    remember.position = Math.max(remember.position, ((Number) body.get("position")).longValue());
                }
                return;
            }
            assertThat(t.result().getStatus().value()).as("while recovering: %s", t.result().getUrl()).isEqualTo(503);
            assertThat(t.took()).isLessThan(Duration.ofSeconds(5));
            assertThat(Instant.now()).as("recovered within 15 s: %s", t.result().getUrl()).isBefore(deadline);
        }
    }

    @Test
    void anOutageAnswers503QuicklyAndTheFirstRequestsAfterItSucceed() {
        KitchenApi k = KitchenApi.create("outage").ingredient("un", 0).deliver("un", 100);
        String manager = bearer("manager");
        String auditor = bearer("auditor"); // tokens are issued before the outage: issuing one needs the database
        assertThat(k.stock("un")).isEqualTo(100);

        system().stack().stopPostgres();
        try {
            unavailableQuickly(timed(() -> commands().post().uri(k.path("/deliveries")).header("Authorization", manager)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("ingredientId", "un", "grams", 5)).exchange()));
            unavailableQuickly(timed(() -> queries().get().uri(k.path("/stock")).header("Authorization", manager).exchange()));
            unavailableQuickly(timed(() -> queries().get().uri("/api/ledger").header("Authorization", auditor).exchange()));
            unavailableQuickly(timed(() -> commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "manager", "password", "manager")).exchange()));
            for (String service : new String[] {system().commandUrl(), system().queryUrl()}) {
                Timed ready = timed(() -> client(service).get().uri("/actuator/health/readiness").exchange());
                System.out.println("DatabaseOutageTest: readiness of " + service + " answered " + ready.result().getStatus().value()
                        + " in " + ready.took().toMillis() + " ms");
                assertThat(ready.result().getStatus().value()).isEqualTo(503);
                assertThat(ready.took()).as("readiness of %s", service).isLessThan(Duration.ofSeconds(1));
                // liveness is not the database's business: the process is alive and must not be restarted for it
                client(service).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            }
        } finally {
            system().stack().startPostgresAgain();
        }

        // the very first read after the database is back succeeds: the read pool validates each connection it hands
        // out and replaces the dead ones (it used to answer 503 until each one had been tried and evicted)
        queries().get().uri(k.path("/stock")).header("Authorization", manager).exchange().expectStatus().isOk();
        // the JDBC pools open new connections within a few seconds (Hikari retries with a back-off of up to 5 s);
        // until then a request answers 503 quickly, never anything else
        eventually(() -> k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 23)), 201, k);
        eventually(() -> commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "cook", "password", "cook")).exchange(), 200, null);
        for (String service : new String[] {system().commandUrl(), system().queryUrl()}) {
            eventually(() -> client(service).get().uri("/actuator/health/readiness").exchange(), 200, null);
        }
        // the projections resume by themselves (after their back-off) and catch up with the write
        Instant deadline = Instant.now().plusSeconds(90);
        long grams = -1;
        while (Instant.now().isBefore(deadline)) {
            EntityExchangeResult<byte[]> read = queries().get().uri(k.path("/stock?minPosition=" + k.position)).header("Authorization", manager)
                    .exchange().expectBody().returnResult();
            if (read.getStatus().value() == 200) {
                Map<?, ?> stock = IdempotencyTest.json(new String(read.getResponseBodyContent()));
                grams = ((Number) ((Map<?, ?>) ((java.util.List<?>) stock.get("items")).getFirst()).get("grams")).longValue();
                break;
            }
            assertThat(read.getStatus().value()).isEqualTo(503); // PROJECTION_LAGGING while it catches up, nothing else
        }
        assertThat(grams).isEqualTo(123);
    }
}
