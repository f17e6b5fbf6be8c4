package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/admin/projections}: both read models, caught up, for the platform OPERATOR only. */
class ProjectionsEndpointTest extends SystemTestSupport {

    @Test
    void listsEachReadModelWithItsPositionAndLag() {
        KitchenApi k = KitchenApi.create("proj").ingredient("un", 0);
        k.read("/stock");
        Map<?, ?> page = queries().get().uri("/api/admin/projections?minPosition=" + k.position).header("Authorization", bearer("operator"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<?> items = (List<?>) page.get("items");
        assertThat(items.stream().map(i -> ((Map<?, ?>) i).get("name")).toList()).isEqualTo(List.of("analytics", "catalog", "field", "images", "inventory", "kitchen", "search"));
        for (Object o : items) {
            Map<?, ?> p = (Map<?, ?>) o;
            assertThat(p.get("status")).isEqualTo("RUNNING");
            assertThat(p.get("replaying")).isEqualTo(false);
            assertThat(((Number) p.get("position")).longValue()).isGreaterThanOrEqualTo(k.position);
            assertThat(((Number) p.get("headPosition")).longValue()).isGreaterThanOrEqualTo(((Number) p.get("position")).longValue());
            assertThat(((Number) p.get("lag")).longValue())
                    .isEqualTo(((Number) p.get("headPosition")).longValue() - ((Number) p.get("position")).longValue());
            assertThat(((Number) p.get("progressPct")).doubleValue()).isEqualTo(100.0);
        }
        for (String role : List.of("admin", "other-admin", "manager", "cook", "auditor")) {
            queries().get().uri("/api/admin/projections").header("Authorization", bearer(role)).exchange().expectStatus().isForbidden();
        }
    }
}
