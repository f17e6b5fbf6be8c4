package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #11.7: a rebuild that does not catch up is not switched in. Here the rebuild's processor claims its segment
 * but can never store its progress (a trigger refuses every update of its token), so every batch rolls back: it
 * either stalls (5 s in the tests) or, stopped short when the live processor has stopped, misses the live position
 * within the switch's 30 s. Either way it fails, and the active generation, the live processor and every read stay as
 * they were.
 */
class RebuildNotCaughtUpTest extends SystemTestSupport {

    @Test
    void aRebuildThatCannotCatchUpFailsAndKeepsTheActiveGeneration() {
        KitchenApi k = KitchenApi.create("stuck-rebuild").ingredient("un", 0).deliver("un", 42);
        assertThat(k.stock("un")).isEqualTo(42);
        int generation = queryDb().queryForObject("SELECT generation FROM projection_generation WHERE projection = 'kitchen'", Integer.class);
        queryDb().execute("""
                CREATE OR REPLACE FUNCTION refuse_rebuild_token() RETURNS trigger AS $$
                BEGIN IF NEW.processor_name = 'kitchen~rebuild' THEN RAISE EXCEPTION 'no token for the test'; END IF; RETURN NEW; END $$
                LANGUAGE plpgsql""");
        queryDb().execute("CREATE TRIGGER refuse_rebuild_token BEFORE UPDATE ON token_entry FOR EACH ROW EXECUTE FUNCTION refuse_rebuild_token()");
        try {
            Map<?, ?> started = queries().post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer("operator"))
                    .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
            Object id = ((Map<?, ?>) started.get("rebuild")).get("id");
            Map<?, ?> ended = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (Object o : (List<?>) listing().get("items")) {
                    Map<?, ?> p = (Map<?, ?>) o;
                    if ("kitchen".equals(p.get("name")) && p.get("rebuild") instanceof Map<?, ?> r && id.equals(r.get("id"))
                            && !"RUNNING".equals(r.get("status"))) {
                        return r;
                    }
                }
                return null;
            }, r -> r != null);
            assertThat(ended.get("status")).as("%s", ended).isEqualTo("FAILED");
            assertThat(queryDb().queryForObject("SELECT error FROM projection_rebuild WHERE id = ?", String.class, ((Number) id).longValue()))
                    .as("failed because it did not catch up, not at its start").containsAnyOf("No progress", "not the live processor's",
                            // stopped short of the live position, its token cannot even be read back with a claim
                            "Could not load token for processor [kitchen~rebuild]");
            assertThat(queryDb().queryForObject("SELECT generation FROM projection_generation WHERE projection = 'kitchen'", Integer.class))
                    .as("the active generation stays").isEqualTo(generation);
        } finally {
            queryDb().execute("DROP TRIGGER refuse_rebuild_token ON token_entry; DROP FUNCTION refuse_rebuild_token()");
        }
        // the live processor goes on, on the generation it had: reads answer what they answered, and new events arrive
        for (Object o : (List<?>) listing().get("items")) {
            assertThat(((Map<?, ?>) o).get("status")).as("%s", o).isEqualTo("RUNNING");
        }
        k.deliver("un", 8);
        assertThat(k.stock("un")).isEqualTo(50);
    }

    private static Map<?, ?> listing() {
        return queries().get().uri("/api/admin/projections").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
