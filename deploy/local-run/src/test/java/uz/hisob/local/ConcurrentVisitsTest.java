package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.ConcurrentCommerceTest.Answer;
import static uz.hisob.local.ConcurrentCommerceTest.CLIENTS;
import static uz.hisob.local.ConcurrentCommerceTest.atOnce;
import static uz.hisob.local.FieldApi.at;
import static uz.hisob.local.FieldApi.today;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Field sales' invariants under concurrent requests: one visit in progress per agent, a visit either cancelled or
 * checked in (never both), a 1C code on one client of a project, a visit id taken once.
 */
class ConcurrentVisitsTest extends SystemTestSupport {

    static Answer send(String user, String path, Object body) {
        return Answer.of(commands().post().uri(path).header("Authorization", bearer(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange());
    }

    @Test
    void anAgentsOnecCodeIsOneAgentsWhateverArrivesAtOnce() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String code = "A-" + uniqueId("x");
        List<Answer> answers = atOnce(i -> send("manager", f.path("/agents"), Map.of("id", f.project + "-k" + i, "username",
                uniqueId("agent") + i, "password", "agent-pass-" + i, "name", "Agent " + i, "onecCode", code)));
        List<Integer> won = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() == 201) {
                won.add(i);
            } else {
                assertThat(answers.get(i).status()).isEqualTo(409);
                assertThat(answers.get(i).body().get("code")).isEqualTo("ALREADY_EXISTS");
            }
        }
        assertThat(won).hasSize(1);
        String winner = f.project + "-k" + won.getFirst();
        for (Answer refused : answers) {
            if (refused.status() == 409) {
                assertThat(refused.body().get("agentId")).isEqualTo(winner); // the refusal names the agent that holds it
            }
        }
        assertThat(eventsDb().queryForObject("SELECT agent_id FROM agent_onec_codes WHERE tenant = 'demo' AND project_id = ? AND onec_code = ?",
                String.class, f.project, code)).isEqualTo(winner);
    }

    @Test
    void oneVisitInProgressPerAgentWhateverArrivesAtOnce() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String shop = f.client("Baraka", 0.0, List.of());
        List<String> visits = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            visits.add(f.plan(shop, f.agent1, today()));
        }
        List<Answer> answers = atOnce(i -> send(f.user1, "/api/visits/" + visits.get(i) + "/check-in", Map.of("location", at(10, 5))));
        List<Integer> won = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() == 200) {
                won.add(i);
            } else {
                assertThat(answers.get(i).status()).isEqualTo(409);
                assertThat(answers.get(i).body().get("code")).isEqualTo("VISIT_IN_PROGRESS");
            }
        }
        assertThat(won).hasSize(1);
        String winner = visits.get(won.getFirst());
        for (Answer refused : answers) {
            if (refused.status() == 409) {
                assertThat(refused.body().get("visitId")).isEqualTo(winner);
            }
        }
        long pos = answers.get(won.getFirst()).position();
        List<?> inProgress = (List<?>) read("manager", f.path("/visits?status=IN_PROGRESS&minPosition=" + pos), 200).get("items");
        assertThat(CatalogTest.values(inProgress, "id")).containsExactly(winner);
    }

    @Test
    void aVisitIsCancelledOrCheckedInNeverBoth() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String shop = f.client("Baraka", 0.0, List.of());
        String visit = f.plan(shop, f.agent1, today());
        List<Answer> answers = atOnce(i -> i % 2 == 0
                ? send(f.user1, "/api/visits/" + visit + "/check-in", Map.of("location", at(10, 5)))
                : send("manager", "/api/visits/" + visit + "/cancel", Map.of("reasonId", "yopiq")));
        long ok = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(ok).isEqualTo(1);
        assertThat(answers.stream().filter(a -> a.status() != 200).map(a -> a.body().get("code")))
                .allMatch(code -> code.equals("VISIT_NOT_PLANNED") || code.equals("VISIT_IN_PROGRESS"));
        long pos = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow().position();
        Map<?, ?> read = read("manager", "/api/visits/" + visit + "?minPosition=" + pos, 200);
        boolean checkedIn = answers.stream().anyMatch(a -> a.status() == 200 && "IN_PROGRESS".equals(a.body().get("status")));
        assertThat(read.get("status")).isEqualTo(checkedIn ? "IN_PROGRESS" : "CANCELLED");
        assertThat(CatalogTest.values(read.get("history"), "type")).hasSize(2);
    }

    @Test
    void aOnecCodeAndAVisitIdAreEachTakenOnce() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String code = uniqueId("K");
        List<Answer> clients = atOnce(i -> send("manager", f.path("/clients"), Map.of("name", "Mijoz " + i, "onecCode", code)));
        assertThat(clients.stream().filter(a -> a.status() == 201).count()).isEqualTo(1);
        String owner = (String) clients.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().body().get("id");
        assertThat(clients.stream().filter(a -> a.status() == 409).map(a -> a.body().get("clientId"))).hasSize(CLIENTS - 1)
                .allMatch(owner::equals);
        String visitId = uniqueId("v");
        String shop = f.client("Baraka", 0.0, List.of());
        List<Answer> plans = atOnce(i -> send("manager", f.path("/visits"), Map.of("id", visitId, "clientId", shop,
                "agentId", i % 2 == 0 ? f.agent1 : f.agent2, "plannedFor", today().toString())));
        assertThat(plans.stream().filter(a -> a.status() == 201).count()).isEqualTo(1);
        assertThat(plans.stream().filter(a -> a.status() == 409).map(a -> a.body().get("code"))).hasSize(CLIENTS - 1)
                .allMatch("ALREADY_EXISTS"::equals);
    }

    @Test
    void aTrackBatchSentTwelveTimesAtOnceIsStoredOnce() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        java.time.Instant t0 = FieldApi.withinOneDay(java.time.Instant.now().minusSeconds(3600), java.time.Duration.ofSeconds(490));
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            points.add(FieldTracksTest.point(t0.plusSeconds(10L * i), i * 5.0));
        }
        List<Answer> answers = atOnce(i -> send(f.user1, "/api/agents/me/track", Map.of("points", points)));
        assertThat(answers.stream().map(Answer::status)).containsOnly(202);
        assertThat(answers.stream().mapToLong(a -> ((Number) a.body().get("accepted")).longValue()).sum()).isEqualTo(50);
        assertThat(answers.stream().mapToLong(a -> ((Number) a.body().get("duplicates")).longValue()).sum()).isEqualTo(50L * (CLIENTS - 1));
        long pos = answers.stream().mapToLong(Answer::position).max().orElseThrow();
        Map<?, ?> track = read("manager", "/api/agents/" + f.agent1 + "/track?date="
                + java.time.LocalDate.ofInstant(t0, java.time.ZoneId.of("Asia/Tashkent")) + "&minPosition=" + pos, 200);
        assertThat((List<?>) track.get("points")).hasSize(50);
    }

    @Test
    void aRoutePlannedTwelveTimesAtOnceHasEachVisitOnce() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String a = f.client("Anor", 0.0, List.of());
        String route = uniqueId("yol");
        Map<String, Object> body = Map.of("agentId", f.agent1, "name", "Har kuni", "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a));
        long first = send("manager", f.path("/routes"), new java.util.HashMap<>(Map.of("id", route, "agentId", f.agent1, "name", "Har kuni",
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a)))).position();
        List<Answer> answers = atOnce(i -> Answer.of(commands().put().uri(f.path("/routes/" + route)).header("Authorization", bearer("manager"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()));
        assertThat(answers.stream().map(Answer::status)).containsOnly(200);
        assertThat(answers.stream().mapToLong(x -> ((Number) x.body().get("planned")).longValue()).sum()).isZero();
        long pos = Math.max(first, answers.stream().mapToLong(Answer::position).max().orElseThrow());
        List<?> visits = (List<?>) read("manager", f.path("/visits?from=" + today() + "&to=" + today().plusDays(20) + "&size=200&minPosition=" + pos),
                200).get("items");
        assertThat(visits).hasSize(14);
    }
}
