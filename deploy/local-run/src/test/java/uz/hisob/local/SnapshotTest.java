package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A kitchen loaded from its latest snapshot (fresh process, empty cache) decides exactly as the cached one. */
class SnapshotTest extends SystemTestSupport {

    @Test
    void aColdLoadFromASnapshotKnowsTheStockToTheGram() {
        java.util.concurrent.ThreadPoolExecutor snapshotter = system().commandContext()
                .getBean("snapshotExecutor", java.util.concurrent.ThreadPoolExecutor.class);
        long snapshotsBefore = snapshotter.getCompletedTaskCount();
        KitchenApi k = KitchenApi.create("snap").ingredient("un", 0).ingredient("tuz", 0).meal("non", "un", 100, "tuz", 3);
        for (int i = 0; i < 6; i++) {
            k.deliver("un", 150).deliver("tuz", 5);
        }
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 2)), 201);
        // un: 900 − 200 = 700; tuz: 30 − 6 = 24 → 7 portions possible, limited by un
        // snapshots are taken after the command's commit on the snapshotter's own thread, not on the request's
        Integer snapshots = 0;
        for (int i = 0; i < 100 && snapshots == 0; i++) {
            snapshots = system().commandContext().getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, "demo:" + k.kitchen);
            sleep(50);
        }
        assertThat(snapshots).isPositive();
        assertThat(snapshotter.getCompletedTaskCount()).isGreaterThan(snapshotsBefore);

        int port = HisobSystem.freePort();
        try (ConfigurableApplicationContext cold = extraCommandService(port, Map.of())) {
            assertThat(cold.isActive()).isTrue();
            WebTestClient client = client("http://localhost:" + port);
            String token = login(client, "cook");
            Map<?, ?> refused = client.post().uri(k.path("/servings")).header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mealId", "non", "portions", 9)).exchange()
                    .expectStatus().isEqualTo(409).expectBody(Map.class).returnResult().getResponseBody();
            assertThat(refused.get("shortages")).isEqualTo(List.of(
                    Map.of("ingredientId", "un", "requiredGrams", 900, "availableGrams", 700),
                    Map.of("ingredientId", "tuz", "requiredGrams", 27, "availableGrams", 24)));
            client.post().uri(k.path("/servings")).header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mealId", "non", "portions", 7)).exchange()
                    .expectStatus().isCreated();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
