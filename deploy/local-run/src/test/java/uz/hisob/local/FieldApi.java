package uz.hisob.local;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/** A field-sales project for a test: its dictionaries, a checklist, two agents, and the calls the tests make. */
final class FieldApi extends SystemTestSupport {

    static final double LAT = 41.311100;
    static final double LON = 69.279700;

    final String project;
    final String agent1;
    final String agent2;
    /** The agents' usernames (password = username). */
    final String user1;
    final String user2;

    private FieldApi(String project, String agent1, String agent2, String user1, String user2) {
        this.project = project;
        this.agent1 = agent1;
        this.agent2 = agent2;
        this.user1 = user1;
        this.user2 = user2;
    }

    /** A project with a geofence {@code policy}, visit types, a cancel reason, an outcome, two required steps and two agents. */
    static FieldApi project(String policy) {
        String project = uniqueId("loyiha");
        post("admin", "/api/projects", Map.of("id", project, "name", "Loyiha " + project, "geofence",
                Map.of("radiusMeters", 150, "policy", policy)), 201);
        post("manager", "/api/projects/" + project + "/references/visit-types", Map.of("id", "oddiy", "name", "Oddiy tashrif"), 201);
        post("manager", "/api/projects/" + project + "/references/cancel-reasons", Map.of("id", "yopiq", "name", "Do'kon yopiq"), 201);
        post("manager", "/api/projects/" + project + "/references/visit-outcomes", Map.of("id", "buyurtma", "name", "Buyurtma olindi"), 201);
        post("manager", "/api/projects/" + project + "/visit-steps", Map.of("id", "shelf", "title", "Javon rasmi", "kind", "PHOTO",
                "required", true, "order", 1), 201);
        post("manager", "/api/projects/" + project + "/visit-steps", Map.of("id", "facings", "title", "Yuzalar soni", "kind", "NUMBER",
                "required", true, "order", 2), 201);
        String user1 = uniqueId("agent");
        String user2 = uniqueId("agent");
        String agent1 = (String) post("manager", "/api/projects/" + project + "/agents", Map.of("username", user1, "password", user1,
                "name", "Ali Valiyev"), 201).get("id");
        String agent2 = (String) post("admin", "/api/projects/" + project + "/agents", Map.of("username", user2, "password", user2,
                "name", "Vali Aliyev"), 201).get("id");
        return new FieldApi(project, agent1, agent2, user1, user2);
    }

    String path(String rest) {
        return "/api/projects/" + project + rest;
    }

    /** A client {@code metersNorth} of the reference point (null: without a location), assigned to {@code agents}. */
    String client(String name, Double metersNorth, List<String> agents) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "agentIds", agents));
        if (metersNorth != null) {
            body.put("location", Map.of("lat", north(metersNorth), "lon", LON));
        }
        return (String) post("manager", path("/clients"), body, 201).get("id");
    }

    static double north(double meters) {
        return LAT + meters / 111_195.0;
    }

    static Map<String, Object> at(double metersNorth, double accuracy) {
        return Map.of("lat", north(metersNorth), "lon", LON, "accuracyMeters", accuracy);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tashkent"));
    }

    /**
     * The start of a stretch of {@code span} in the recent past that lies wholly within today in Tashkent: about two
     * spans ago, or just after midnight when that would fall on yesterday, waiting for the stretch to be past. A test
     * that backdates GPS points and then reads today's figures would otherwise fail when run just after midnight.
     */
    static Instant recentStretchToday(Duration span) throws InterruptedException {
        Instant now = Instant.now();
        Instant midnight = today().atStartOfDay(ZoneId.of("Asia/Tashkent")).toInstant();
        Instant start = now.minus(span.multipliedBy(2));
        if (start.isBefore(midnight)) {
            start = midnight.plusSeconds(1);
            Duration wait = Duration.between(Instant.now(), start.plus(span).plusSeconds(1));
            if (!wait.isNegative()) {
                Thread.sleep(wait.toMillis());
            }
        }
        return start;
    }

    /** The start of a stretch of {@code span} that begins at {@code from} or later and lies within one day in Tashkent. */
    static Instant withinOneDay(Instant from, Duration span) {
        ZoneId zone = ZoneId.of("Asia/Tashkent");
        LocalDate last = LocalDate.ofInstant(from.plus(span), zone);
        return LocalDate.ofInstant(from, zone).equals(last) ? from : last.atStartOfDay(zone).toInstant();
    }

    String plan(String clientId, String agentId, LocalDate day) {
        return (String) post("manager", path("/visits"), Map.of("clientId", clientId, "agentId", agentId, "plannedFor", day.toString(),
                "typeId", "oddiy"), 201).get("id");
    }

    static Map<?, ?> visit(String user, String visitId) {
        return read(user, "/api/visits/" + visitId, 200);
    }

    /** Answers the checklist (a count and a photo) and checks out {@code metersNorth} of the reference point. */
    Map<?, ?> complete(String user, String visitId, double metersNorth) throws Exception {
        InventoryCommandsTest.put(user, "/api/visits/" + visitId + "/steps/facings", Map.of("value", 3), 200);
        String photo = (String) upload(user, png((int) (System.nanoTime() % 90_000)), 201).get("id");
        InventoryCommandsTest.put(user, "/api/visits/" + visitId + "/steps/shelf", Map.of("imageIds", List.of(photo)), 200);
        return post(user, "/api/visits/" + visitId + "/check-out", Map.of("location", at(metersNorth, 5)), 200);
    }

    /** A PNG the tests upload (other bytes for each seed). */
    static byte[] png(int seed) throws Exception {
        return ImagesTest.picture("png", 64, 48, seed);
    }

    Map<?, ?> upload(String user, byte[] bytes, int status) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "photo.png";
            }
        }).contentType(MediaType.IMAGE_PNG);
        return commands().post().uri(path("/images")).header("Authorization", bearer(user))
                .body(BodyInserters.fromMultipartData(body.build())).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }
}
