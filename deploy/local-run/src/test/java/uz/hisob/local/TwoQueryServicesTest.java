package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-service instances on one stack (issue #11.7): the one that does not hold the processors' segments still
 * answers minPosition reads from the committed tokens, at once; an endpoint that reads no projection never waits; a
 * rebuild is refused there (it could not stop the live processor), and the listing shows the real positions.
 */
class TwoQueryServicesTest extends SystemTestSupport {

    @Test
    void theOtherInstanceAnswersReadYourWritesAndRefusesRebuilds() {
        int port = HisobSystem.freePort();
        try (ConfigurableApplicationContext second = extraQueryService(port)) {
            assertThat(second.isActive()).isTrue();
            WebTestClient other = client("http://localhost:" + port).mutate().responseTimeout(Duration.ofSeconds(30)).build();
            for (int i = 0; i < 5; i++) {
                KitchenApi k = KitchenApi.create("twoq").ingredient("un", 0).deliver("un", 100 + i);
                // what this test is about is the other instance, not how fast the processors are: once the primary
                // (which processes) has applied the position, the other must answer from the committed tokens at once
                awaitOnPrimary(k.path("/stock?minPosition=" + k.position));
                awaitOnPrimary("/api/search?q=" + k.kitchen + "&minPosition=" + k.position);
                Instant start = Instant.now();
                Map<?, ?> stock = other.get().uri(k.path("/stock?minPosition=" + k.position)).header("Authorization", bearer("manager"))
                        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
                assertThat(((Number) ((Map<?, ?>) ((List<?>) stock.get("items")).getFirst()).get("grams")).longValue()).isEqualTo(100 + i);
                other.get().uri("/api/search?q={q}&minPosition={p}", k.kitchen, k.position).header("Authorization", bearer("manager"))
                        .exchange().expectStatus().isOk().expectBody().jsonPath("$.totalItems").isEqualTo(1);
            }
            // the ledger reads the event store, no projection: a minPosition far ahead does not make it wait
            Instant start = Instant.now();
            other.get().uri("/api/ledger?size=1&minPosition=999999999").header("Authorization", bearer("auditor"))
                    .exchange().expectStatus().isOk();
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));

            // the listing shows where the read models are, though another instance processes them
            KitchenApi k = KitchenApi.create("twoq-list").ingredient("un", 0);
            // every processor on the primary first: one an earlier test's fault put into its back-off (the search
            // index stopped by SearchDownTest) may take up to Axon's longest back-off to run again
            awaitOnPrimary("/api/admin/projections?minPosition=" + k.position, "operator", Duration.ofSeconds(90));
            Map<?, ?> listing = other.get().uri("/api/admin/projections?minPosition=" + k.position).header("Authorization", bearer("operator"))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            for (Object o : (List<?>) listing.get("items")) {
                Map<?, ?> p = (Map<?, ?>) o;
                assertThat(((Number) p.get("position")).longValue()).as("%s", p).isGreaterThanOrEqualTo(k.position);
                assertThat(p.get("status")).isEqualTo("RUNNING");
            }

            // a rebuild could not stop the live processor from an instance that does not process it: refused, nothing
            // switched. Which instance holds the segment is the token store's choice (the primary usually, but the
            // second one takes it over when the primary let its claim go, e.g. after a fault of an earlier test).
            String owner = queryDb().queryForObject("SELECT owner FROM token_entry WHERE processor_name = 'kitchen' AND segment = 0", String.class);
            WebTestClient notHolding = ("query-service-" + port).equals(owner) ? client(system().queryUrl()) : other;
            notHolding.post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer("operator")).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("PROJECTION_ELSEWHERE");
            k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 7)), 201);
            assertThat(k.stock("un")).isEqualTo(7);
        }
    }

    /** Waits (up to 30 s) until the primary query-service answers {@code pathAndQuery} with 200. */
    private static void awaitOnPrimary(String pathAndQuery) {
        awaitOnPrimary(pathAndQuery, "manager", Duration.ofSeconds(30));
    }

    private static void awaitOnPrimary(String pathAndQuery, String user, Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() ->
                queries().get().uri(pathAndQuery).header("Authorization", bearer(user)).exchange()
                        .returnResult(String.class).getStatus().value() == 200);
    }
}
