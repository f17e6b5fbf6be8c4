package uz.hisob.local;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import uz.hisob.query.platform.ReadModelProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both projections rebuilt from the event store answer exactly what they answered before. */
class RebuildTest extends SystemTestSupport {

    @Test
    void rebuildingBothProjectionsFromEventsGivesIdenticalAnswers() {
        String kitchen = uniqueId("rebuild");
        CommonHttpContractTest.post("/api/kitchens", Map.of("id", kitchen, "name", "Qayta qurish oshxonasi")).expectStatus().isCreated();
        for (String[] i : new String[][] {{"guruch", "Guruch"}, {"sabzi", "Sabzi"}, {"mol-goshti", "Mol go'shti"}}) {
            CommonHttpContractTest.post("/api/kitchens/" + kitchen + "/ingredients", Map.of("id", i[0], "name", i[1], "minStockGrams", 500))
                    .expectStatus().isCreated();
        }
        long last = 0;
        for (int d = 0; d < 6; d++) {
            Map<?, ?> r = CommonHttpContractTest.post("/api/kitchens/" + kitchen + "/deliveries",
                    Map.of("ingredientId", d % 2 == 0 ? "guruch" : "sabzi", "grams", 100 + d)).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody();
            last = ((Number) r.get("position")).longValue();
        }
        List<Object> before = answers(kitchen, last);
        org.springframework.jdbc.core.JdbcTemplate queryDb = system().queryContext().getBean("jdbcTemplate", org.springframework.jdbc.core.JdbcTemplate.class);
        Integer feedBefore = queryDb.queryForObject("SELECT count(*) FROM kitchen_change WHERE kitchen_id = ?", Integer.class, kitchen);
        assertThat(feedBefore).as("the kitchen's changes reached the live feed").isPositive();

        ReadModelProgress progress = system().queryContext().getBean(ReadModelProgress.class);
        long head = progress.headPosition();
        for (String name : List.of("kitchen", "search")) {
            StreamingEventProcessor p = progress.processors().get(name);
            p.shutDown();
            p.resetTokens();
            p.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> progress.hasApplied("kitchen", head) && progress.hasApplied("search", head)
                && progress.processors().values().stream().noneMatch(StreamingEventProcessor::isReplaying));

        assertThat(answers(kitchen, last)).isEqualTo(before);
        assertThat(queryDb.queryForObject("SELECT count(*) FROM kitchen_change WHERE kitchen_id = ?", Integer.class, kitchen))
                .as("a replay adds nothing to the live feed: stream clients saw those changes when they happened").isEqualTo(feedBefore);
    }

    private static List<Object> answers(String kitchen, long position) {
        List<Object> answers = new ArrayList<>();
        Map<?, ?> stock = queries().get().uri("/api/kitchens/{k}/stock?minPosition={p}", kitchen, position)
                .header("Authorization", bearer("cook")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        answers.add(stock.get("items"));
        answers.add(queries().get().uri("/api/kitchens/{k}", kitchen).header("Authorization", bearer("cook"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());
        for (String q : List.of("guruch", "sabz", "goshti", "qayta")) {
            Map<?, ?> found = queries().get().uri("/api/search?q={q}&facets=true&minPosition={p}", q, position)
                    .header("Authorization", bearer("cook")).accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            List<Object> hits = new ArrayList<>();
            for (Object o : (List<?>) found.get("items")) {
                Map<?, ?> hit = (Map<?, ?>) o;
                if (!kitchen.equals(hit.get("parentId")) && !kitchen.equals(hit.get("id"))) {
                    continue; // other tests' kitchens: their relative scores depend on index internals, not on events
                }
                hits.add(List.of(hit.get("type"), hit.get("id"), String.valueOf(hit.get("parentId")), hit.get("title"), hit.get("subtitle")));
            }
            answers.add(hits);
        }
        return answers;
    }
}
