package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.CatalogTest.position;
import static uz.hisob.local.CatalogTest.values;
import static uz.hisob.local.FieldApi.at;
import static uz.hisob.local.FieldApi.today;
import static uz.hisob.local.InventoryCommandsTest.errorsOf;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * GPS tracks over HTTP (field-sales.md, "GPS tracks"): batches deduplicated and filtered, the day's track with its
 * distance, simplified path and stops at clients, an agent's day, the live positions and the project's live stream.
 */
class FieldTracksTest extends SystemTestSupport {

    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    static Map<String, Object> point(Instant at, double metersNorth) {
        return new HashMap<>(Map.of("at", at.toString(), "lat", FieldApi.north(metersNorth), "lon", FieldApi.LON, "accuracyMeters", 8,
                "battery", 77));
    }

    /** Yesterday at 10:00 in Tashkent: a day whose track is complete. */
    static Instant yesterdayAt10() {
        return LocalDate.now(TASHKENT).minusDays(1).atTime(LocalTime.of(10, 0)).atZone(TASHKENT).toInstant();
    }

    static Map<?, ?> upload(String user, List<Map<String, Object>> points, int status) {
        return commands().post().uri("/api/agents/me/track").header("Authorization", bearer(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("points", points)).exchange().expectStatus().isEqualTo(status).expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    @Test
    void aDayOfTrackWithItsDistanceSimplifiedPathAndStopsAtClients() {
        FieldApi f = FieldApi.project("FLAG");
        String shop = f.client("Baraka", 0.0, List.of());
        String market = f.client("Anor market", 1000.0, List.of());
        Instant t0 = yesterdayAt10();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i <= 18; i++) { // three minutes at the shop, a few metres of GPS noise
            points.add(point(t0.plusSeconds(i * 10L), (i % 3) * 2.0));
        }
        for (int i = 1; i <= 30; i++) { // five minutes walking 1 km north
            points.add(point(t0.plusSeconds(180 + i * 10L), i * 1000.0 / 30));
        }
        points.add(point(t0.plusSeconds(185 + 150), 20_000)); // a GPS jump mid-walk
        for (int i = 1; i <= 15; i++) { // two and a half minutes at the market
            points.add(point(t0.plusSeconds(480 + i * 10L), 1000 + (i % 2) * 3.0));
        }
        java.util.Collections.reverse(points); // any order
        Map<?, ?> first = upload(f.user1, points, 202);
        assertThat(first.get("accepted")).isEqualTo(points.size());
        assertThat(first.get("duplicates")).isEqualTo(0);
        assertThat(first.get("rejected")).isEqualTo(List.of());
        Map<?, ?> again = upload(f.user1, points.subList(0, 10), 202);
        assertThat(again.get("accepted")).isEqualTo(0);
        assertThat(again.get("duplicates")).isEqualTo(10);
        // bad points are rejected by index, the good ones kept
        Map<String, Object> future = point(Instant.now().plusSeconds(3600), 0);
        Map<String, Object> old = point(Instant.now().minus(java.time.Duration.ofDays(8)), 0);
        Map<String, Object> vague = point(t0.plusSeconds(1), 0);
        vague.put("accuracyMeters", 800);
        Map<String, Object> nowhere = point(t0.plusSeconds(2), 0);
        nowhere.put("lat", 95.0);
        Map<?, ?> mixed = upload(f.user1, List.of(future, old, vague, nowhere, point(t0.plusSeconds(3), 1)), 202);
        assertThat(mixed.get("accepted")).isEqualTo(1);
        assertThat(mixed.get("rejected")).isEqualTo(List.of(Map.of("index", 0, "reason", "IN_THE_FUTURE"), Map.of("index", 1, "reason", "TOO_OLD"),
                Map.of("index", 2, "reason", "LOW_ACCURACY"), Map.of("index", 3, "reason", "COORDINATES_OUT_OF_RANGE")));
        assertThat(errorsOf(upload(f.user1, List.of(), 400)).toString()).contains("points");
        assertThat(errorsOf(upload(f.user1, List.of(Map.of("lat", 41.0, "lon", 69.0)), 400)).toString()).contains("at");
        upload("manager", List.of(point(t0, 0)), 403);

        String date = LocalDate.ofInstant(t0, TASHKENT).toString();
        Map<?, ?> track = read(f.user1, "/api/agents/" + f.agent1 + "/track?date=" + date + "&minPosition=" + position(mixed), 200);
        List<?> stored = (List<?>) track.get("points");
        assertThat(stored).hasSize(points.size() + 1);
        List<?> jumps = stored.stream().filter(p -> !((List<?>) ((Map<?, ?>) p).get("flags")).isEmpty()).toList();
        assertThat(jumps).hasSize(1);
        assertThat(((Map<?, ?>) jumps.getFirst()).get("flags")).isEqualTo(List.of("IMPOSSIBLE_SPEED"));
        // 1 km of walking plus the GPS noise at the two stops, the jump left out
        assertThat(((Number) track.get("distanceMeters")).longValue()).isBetween(1000L, 1200L);
        List<?> simplified = (List<?>) track.get("simplified");
        assertThat(simplified.size()).isBetween(2, 12);
        List<?> stops = (List<?>) track.get("stops");
        assertThat(values(stops, "clientId")).containsExactly(shop, market);
        read(f.user2, "/api/agents/" + f.agent1 + "/track?date=" + date, 403);
        read(FieldApi.project("FLAG").user1, "/api/agents/" + f.agent1 + "/track?date=" + date, 404);
        read("manager", "/api/agents/" + f.agent1 + "/track", 400);
        read("manager", "/api/agents/" + uniqueId("yoq") + "/track?date=" + date, 404);

        Map<?, ?> day = read("manager", "/api/agents/" + f.agent1 + "/days/" + date, 200);
        assertThat(((Number) day.get("distanceMeters")).longValue()).isEqualTo(((Number) track.get("distanceMeters")).longValue());
        assertThat((List<?>) day.get("planned")).isEmpty();
    }



    @Test
    void theLiveMapSeesAgentsMoveAndVisitsChangeAndAReconnectCatchesUp() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String shop = f.client("Baraka", 0.0, List.of());
        Map<?, ?> planned = post("manager", f.path("/visits"), Map.of("clientId", shop, "agentId", f.agent1, "plannedFor", today().toString()), 201);
        String visit = (String) planned.get("id");
        // the stream starts after the plan is in the feed: what it shows next is what happens from now on
        read("manager", "/api/visits/" + visit + "?minPosition=" + position(planned), 200);
        BlockingQueue<ServerSentEvent<String>> received = new LinkedBlockingQueue<>();
        Disposable stream = LiveStreams.subscribe(f.path("/stream"), "manager", null, received);
        List<ServerSentEvent<String>> seen = new ArrayList<>();
        try {
            Instant now = Instant.now();
            upload(f.user1, List.of(point(now.minusSeconds(20), 30), point(now.minusSeconds(10), 10)), 202);
            post(f.user1, "/api/visits/" + visit + "/check-in", Map.of("location", at(5, 5)), 200);
            for (int i = 0; i < 2; i++) {
                ServerSentEvent<String> e = received.poll(5, TimeUnit.SECONDS);
                assertThat(e).as("event " + i).isNotNull();
                seen.add(e);
            }
        } finally {
            stream.dispose();
        }
        assertThat(seen.stream().map(ServerSentEvent::event).toList()).containsExactly("agent-location", "visit");
        assertThat(seen.getFirst().data()).contains("\"agentId\":\"" + f.agent1 + "\"");
        assertThat(seen.get(1).data()).contains("\"status\":\"IN_PROGRESS\"").contains("\"visitId\":\"" + visit + "\"");

        // missed while away: the check-out, picked up with Last-Event-ID
        InventoryCommandsTest.put(f.user1, "/api/visits/" + visit + "/steps/facings", Map.of("value", 4), 200);
        String photo = (String) f.upload(f.user1, FieldApi.png((int) (System.nanoTime() % 50_000) + 11), 201).get("id");
        InventoryCommandsTest.put(f.user1, "/api/visits/" + visit + "/steps/shelf", Map.of("imageIds", List.of(photo)), 200);
        Map<?, ?> out = post(f.user1, "/api/visits/" + visit + "/check-out", Map.of("location", at(5, 5)), 200);
        read("manager", f.path("/visits?minPosition=" + position(out)), 200);
        BlockingQueue<ServerSentEvent<String>> resumed = new LinkedBlockingQueue<>();
        Disposable again = LiveStreams.subscribe(f.path("/stream"), "manager", seen.getLast().id(), resumed);
        try {
            ServerSentEvent<String> completed = resumed.poll(5, TimeUnit.SECONDS);
            assertThat(completed).isNotNull();
            assertThat(completed.event()).isEqualTo("visit");
            assertThat(completed.data()).contains("\"status\":\"COMPLETED\"");
        } finally {
            again.dispose();
        }

        // the live positions: each agent's newest point and its age; none for an agent without a track
        List<?> live = (List<?>) read("manager", f.path("/agents/live"), 200).get("items");
        Map<?, ?> ali = (Map<?, ?>) live.stream().filter(a -> f.agent1.equals(((Map<?, ?>) a).get("agentId"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) ali.get("lastPoint")).get("battery")).isEqualTo(77);
        assertThat(((Number) ali.get("ageSeconds")).longValue()).isBetween(0L, 120L);
        Map<?, ?> vali = (Map<?, ?>) live.stream().filter(a -> f.agent2.equals(((Map<?, ?>) a).get("agentId"))).findFirst().orElseThrow();
        assertThat(vali.get("lastPoint")).isNull();
        read(f.user1, f.path("/agents/live"), 403);
        queries().get().uri(f.path("/stream")).header("Authorization", bearer(f.user1)).exchange().expectStatus().isForbidden();
        queries().get().uri("/api/projects/" + uniqueId("yoq") + "/stream").header("Authorization", bearer("manager")).exchange()
                .expectStatus().isNotFound();
        queries().get().uri(f.path("/stream")).header("Authorization", bearer("manager")).header("Last-Event-ID", "abc").exchange()
                .expectStatus().isBadRequest();

        // the agent's day
        Map<?, ?> day = read(f.user1, "/api/agents/" + f.agent1 + "/days/" + today(), 200);
        assertThat(values(day.get("planned"), "id")).containsExactly(visit);
        assertThat(values(day.get("planned"), "status")).containsExactly("COMPLETED");
        assertThat(day.get("firstCheckIn")).isNotNull();
        assertThat(day.get("lastCheckOut")).isNotNull();
        read(f.user2, "/api/agents/" + f.agent1 + "/days/" + today(), 403);
    }
}
