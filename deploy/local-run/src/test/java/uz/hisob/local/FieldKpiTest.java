package uz.hisob.local;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import uz.hisob.query.platform.ReadModelProgress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uz.hisob.local.CatalogTest.position;
import static uz.hisob.local.FieldApi.at;
import static uz.hisob.local.FieldApi.today;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Field-sales KPIs (field-sales.md, "KPIs"): counted per agent and day from the analytics projection, and the same
 * answer, byte for byte, after the analytics and field read models are rebuilt and replayed.
 */
class FieldKpiTest extends SystemTestSupport {

    static String raw(String user, String uri) {
        return queries().get().uri(uri).header("Authorization", bearer(user)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void kpisAreCountedFromVisitsAndTracksAndSurviveARebuild() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String shop = f.client("Baraka", 0.0, List.of());
        String v1 = f.plan(shop, f.agent1, today());
        String v2 = f.plan(shop, f.agent1, today());
        String v3 = f.plan(shop, f.agent1, today());
        f.plan(shop, f.agent1, today());
        String w1 = f.plan(shop, f.agent2, today());
        post(f.user1, "/api/visits/" + v1 + "/check-in", Map.of("location", at(10, 5)), 200);
        f.complete(f.user1, v1, 10);
        post(f.user1, "/api/visits/" + v2 + "/check-in", Map.of("location", at(10, 5)), 200);
        f.complete(f.user1, v2, 900);
        post("manager", "/api/visits/" + v3 + "/cancel", Map.of("reasonId", "yopiq"), 200);
        Map<?, ?> unplanned = post(f.user1, f.path("/visits/check-in"), Map.of("clientId", shop, "location", at(20, 5)), 201);
        f.complete(f.user1, (String) unplanned.get("id"), 20);
        post(f.user2, "/api/visits/" + w1 + "/check-in", Map.of("location", at(10, 5)), 200);
        Instant start = FieldApi.recentStretchToday(Duration.ofSeconds(300));
        List<Map<String, Object>> track = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            track.add(FieldTracksTest.point(start.plusSeconds(i * 30L), i * 50.0));
        }
        long last = position(FieldTracksTest.upload(f.user1, track, 202));

        String uri = f.path("/kpis?from=" + today().minusDays(1) + "&to=" + today());
        Map<?, ?> kpis = read("manager", uri + "&minPosition=" + last, 200);
        Map<?, ?> totals = (Map<?, ?>) kpis.get("totals");
        assertThat(totals.get("planned")).isEqualTo(4);
        assertThat(totals.get("completed")).isEqualTo(3);
        assertThat(totals.get("cancelled")).isEqualTo(1);
        assertThat(totals.get("unplanned")).isEqualTo(1);
        assertThat(totals.get("missed")).isEqualTo(0);
        // two of the four planned (v1, v2 of v1, v2, the open one, w1 in progress): 50 %
        assertThat(totals.get("compliancePct")).isEqualTo(50.0);
        assertThat(totals.get("strikeRatePct")).isEqualTo(0.0);
        assertThat(totals.get("orders")).isEqualTo(0);
        assertThat(totals.get("ordersTotal")).isEqualTo("0.00");
        assertThat(((Number) totals.get("distanceMeters")).longValue()).isBetween(495L, 505L);
        assertThat(totals.get("flags")).isEqualTo(Map.of("UNPLANNED", 1, "CHECKOUT_OUT_OF_GEOFENCE", 1));
        List<?> agents = (List<?>) kpis.get("agents");
        Map<?, ?> ali = (Map<?, ?>) agents.stream().filter(a -> f.agent1.equals(((Map<?, ?>) a).get("agentId"))).findFirst().orElseThrow();
        assertThat(ali.get("planned")).isEqualTo(3);
        assertThat(ali.get("compliancePct")).isEqualTo(66.7);
        Map<?, ?> vali = (Map<?, ?>) agents.stream().filter(a -> f.agent2.equals(((Map<?, ?>) a).get("agentId"))).findFirst().orElseThrow();
        assertThat(vali.get("compliancePct")).isEqualTo(0.0);
        assertThat(vali.get("strikeRatePct")).isNull();
        assertThat(CatalogTest.values(kpis.get("days"), "date")).containsExactly(today().toString());
        Map<?, ?> one = read("manager", uri + "&agentId=" + f.agent2, 200);
        assertThat(((Map<?, ?>) one.get("totals")).get("planned")).isEqualTo(1);
        read(f.user1, uri, 403);
        read("auditor", uri, 200);
        read("manager", f.path("/kpis?from=" + today() + "&to=" + today().minusDays(1)), 400);
        read("manager", "/api/projects/" + uniqueId("yoq") + "/kpis?from=" + today() + "&to=" + today(), 404);

        List<String> before = answers(f, uri, v1);
        Integer feed = queryDb().queryForObject("SELECT count(*) FROM field_change WHERE project_id = ?", Integer.class, f.project);
        for (String name : List.of("analytics", "field")) {
            queries().post().uri("/api/admin/projections/" + name + "/rebuild").header("Authorization", bearer("operator")).exchange()
                    .expectStatus().isAccepted();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> CommerceRebuildTest.done("analytics") && CommerceRebuildTest.done("field"));
        assertThat(answers(f, uri, v1)).isEqualTo(before);

        ReadModelProgress progress = system().queryContext().getBean(ReadModelProgress.class);
        long head = progress.headPosition();
        for (String name : List.of("analytics", "field")) {
            StreamingEventProcessor p = progress.processors().get(name);
            p.shutDown();
            p.resetTokens();
            p.start();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> progress.hasApplied("analytics", head) && progress.hasApplied("field", head)
                && !progress.processors().get("analytics").isReplaying() && !progress.processors().get("field").isReplaying());
        assertThat(answers(f, uri, v1)).isEqualTo(before);
        assertThat(queryDb().queryForObject("SELECT count(*) FROM field_change WHERE project_id = ?", Integer.class, f.project))
                .as("neither a rebuild nor a replay tells the live stream again").isEqualTo(feed);
    }

    private static List<String> answers(FieldApi f, String kpis, String visit) {
        List<String> answers = new ArrayList<>();
        answers.add(raw("manager", kpis));
        answers.add(raw("manager", "/api/visits/" + visit));
        answers.add(raw("manager", f.path("/clients")));
        answers.add(raw("manager", f.path("/visits")));
        answers.add(raw("manager", "/api/agents/" + f.agent1 + "/days/" + today()));
        answers.add(raw("manager", "/api/agents/" + f.agent1 + "/track?date=" + today()));
        answers.add(raw("manager", f.path("/visit-steps")));
        return answers;
    }
}
