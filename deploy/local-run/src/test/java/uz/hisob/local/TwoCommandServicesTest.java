package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances behind one address (review of #11): each keeps kitchens in its own cache, so one
 * instance's cached kitchen is behind what the other appended. A command that appends is refused by the store and
 * decided again; a refusal decided on the stale cached state must not reach the client either.
 */
class TwoCommandServicesTest extends SystemTestSupport {

    @Test
    void aRefusalIsNeverDecidedOnAKitchenAnotherInstanceChanged() {
        int port = HisobSystem.freePort();
        try (ConfigurableApplicationContext second = extraCommandService(port, Map.of())) {
            assertThat(second.isActive()).isTrue();
            WebTestClient other = client("http://localhost:" + port);
            String token = login(other, "manager");
            // the primary instance loads (and caches) the kitchen
            KitchenApi k = KitchenApi.create("two-cmd").ingredient("un", 0).deliver("un", 10);
            // the other instance adds an ingredient and a delivery the primary's cached kitchen has never seen
            other.post().uri(k.path("/ingredients")).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("id", "sabzi", "name", "Sabzi", "minStockGrams", 0)).exchange().expectStatus().isCreated();
            other.post().uri(k.path("/deliveries")).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("ingredientId", "un", "grams", 90)).exchange().expectStatus().isCreated();
            // on the primary: the ingredient exists (no 404 from the stale cache) ...
            k.expect(k.call("manager", org.springframework.http.HttpMethod.POST, k.path("/deliveries"),
                    Map.of("ingredientId", "sabzi", "grams", 5)), 201);
            // ... and a write-off of all 100 g of un is allowed (the stale cache knows only 10 g)
            k.expect(k.call("manager", org.springframework.http.HttpMethod.POST, k.path("/write-offs"),
                    Map.of("ingredientId", "un", "grams", 100, "reason", "spoiled")), 201);
            // a refusal that is right stays a refusal: nothing of un is left
            k.expect(k.call("manager", org.springframework.http.HttpMethod.POST, k.path("/write-offs"),
                    Map.of("ingredientId", "un", "grams", 1, "reason", "spoiled")), 409);
            assertThat(k.stock("un")).isZero();
            assertThat(k.stock("sabzi")).isEqualTo(5);
        }
    }
}
