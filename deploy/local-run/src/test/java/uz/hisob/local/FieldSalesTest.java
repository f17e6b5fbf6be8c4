package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.CatalogTest.delete;
import static uz.hisob.local.CatalogTest.position;
import static uz.hisob.local.CatalogTest.values;
import static uz.hisob.local.FieldApi.at;
import static uz.hisob.local.FieldApi.today;
import static uz.hisob.local.InventoryCommandsTest.errorsOf;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Field sales over HTTP (field-sales.md): projects and agents bound to them, dictionaries and checklists, clients with
 * their change feed, nearby and search, and visits from plan to check-out; every refusal and role of the contract.
 */
class FieldSalesTest extends SystemTestSupport {

    static Map<?, ?> claims(String accessToken) {
        String payload = accessToken.split("\\.")[1];
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), Map.class);
    }

    static int tokenStatus(String username) {
        return commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", username)).exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void projectsAndAgentsWhoseTokensNameThem() {
        String id = uniqueId("loyiha");
        post("manager", "/api/projects", Map.of("id", id, "name", "X"), 403);
        Map<?, ?> created = post("admin", "/api/projects", Map.of("id", id, "name", "Toshkent shahri"), 201);
        Map<?, ?> project = read("manager", "/api/projects/" + id + "?minPosition=" + position(created), 200);
        assertThat(project.get("timezone")).isEqualTo("Asia/Tashkent");
        assertThat(project.get("geofence")).isEqualTo(Map.of("radiusMeters", 150, "policy", "FLAG"));
        assertThat(project.get("minVisitMinutes")).isEqualTo(0);
        assertThat(project.get("learnClientLocation")).isEqualTo(true);
        post("admin", "/api/projects", Map.of("id", id, "name", "Again"), 409);
        assertThat(errorsOf(put("admin", "/api/projects/" + id, Map.of("name", "T", "geofence", Map.of("radiusMeters", 5)), 400)).toString())
                .contains("geofence.radiusMeters");
        assertThat(errorsOf(put("admin", "/api/projects/" + id, Map.of("name", "T", "timezone", "Mars/Base"), 400)).toString())
                .contains("timezone");
        assertThat(errorsOf(put("admin", "/api/projects/" + id, Map.of("name", "T", "minVisitMinutes", 300), 400)).toString())
                .contains("minVisitMinutes");
        long updated = position(put("admin", "/api/projects/" + id, Map.of("name", "Toshkent", "geofence",
                Map.of("radiusMeters", 80, "policy", "REFUSE"), "minVisitMinutes", 10), 200));
        project = read("auditor", "/api/projects/" + id + "?minPosition=" + updated, 200);
        assertThat(project.get("geofence")).isEqualTo(Map.of("radiusMeters", 80, "policy", "REFUSE"));
        put("admin", "/api/projects/" + uniqueId("yoq"), Map.of("name", "X"), 404);

        // an agent is a user with role AGENT whose tokens carry its project and agent
        String username = uniqueId("agent");
        Map<?, ?> agent = post("manager", "/api/projects/" + id + "/agents", Map.of("id", "ali-" + username.substring(6), "username", username,
                "password", username, "name", "Ali Valiyev", "phone", "+998901234567"), 201);
        String agentId = (String) agent.get("id");
        post("manager", "/api/projects/" + id + "/agents", Map.of("username", username, "password", "boshqa-parol", "name", "X"), 409);
        assertThat(errorsOf(post("manager", "/api/projects/" + id + "/agents", Map.of("username", uniqueId("a"), "password", "qisqa",
                "name", "X"), 400)).toString()).contains("password");
        post("manager", "/api/projects/" + uniqueId("yoq") + "/agents", Map.of("username", uniqueId("agent"), "password", "parol-12345",
                "name", "X"), 404);
        post("auditor", "/api/projects/" + id + "/agents", Map.of("username", uniqueId("agent"), "password", "parol-12345", "name", "X"), 403);
        Map<?, ?> claims = claims(token(username));
        assertThat(claims.get("roles")).isEqualTo(List.of("AGENT"));
        assertThat(claims.get("project")).isEqualTo(id);
        assertThat(claims.get("agent")).isEqualTo(agentId);
        Map<?, ?> agents = read("manager", "/api/projects/" + id + "/agents?minPosition=" + position(agent), 200);
        assertThat(values(agents.get("items"), "username")).containsExactly(username);
        // an AGENT sees its own project only
        assertThat(values(read(username, "/api/projects", 200).get("items"), "id")).containsExactly(id);
        read(username, "/api/projects/" + FieldApi.project("FLAG").project, 404);
        post(username, "/api/projects", Map.of("name", "X"), 403);
        // an inactive agent cannot sign in; active again, it can
        put("manager", "/api/projects/" + id + "/agents/" + agentId, Map.of("name", "Ali V.", "active", false), 200);
        assertThat(tokenStatus(username)).isEqualTo(401);
        long back = position(put("manager", "/api/projects/" + id + "/agents/" + agentId, Map.of("name", "Ali V.", "active", true), 200));
        assertThat(tokenStatus(username)).isEqualTo(200);
        assertThat(values(read("manager", "/api/projects/" + id + "/agents?minPosition=" + back, 200).get("items"), "name"))
                .containsExactly("Ali V.");
        put("manager", "/api/projects/" + id + "/agents/" + uniqueId("yoq"), Map.of("name", "X", "active", true), 404);
        // the 1C link comes with its own issue: refused plainly, never dropped
        assertThat(errorsOf(post("admin", "/api/projects", Map.of("name", "X", "onec", Map.of("wsdlUrl", "http://1c")), 400)).toString())
                .contains("onec");
    }

    @Test
    void dictionariesAndChecklistVersions() {
        FieldApi f = FieldApi.project("FLAG");
        post("manager", f.path("/references/visit-types"), Map.of("id", "oddiy", "name", "Takror"), 409);
        post("manager", f.path("/references/colours"), Map.of("name", "Qizil"), 404);
        post(f.user1, f.path("/references/visit-types"), Map.of("name", "X"), 403);
        long pos = position(put("manager", f.path("/references/visit-types/oddiy"), Map.of("name", "Oddiy", "order", 3, "active", false), 200));
        Map<?, ?> types = read(f.user1, f.path("/references/visit-types?minPosition=" + pos), 200);
        assertThat(types.get("items")).isEqualTo(List.of(Map.of("id", "oddiy", "name", "Oddiy", "order", 3, "active", false)));
        // a new version of a step; the list shows the current one
        assertThat(errorsOf(post("manager", f.path("/visit-steps"), Map.of("title", "Kayfiyat", "kind", "CHOICE", "required", false,
                "options", List.of("a"), "order", 3), 400)).toString()).contains("options");
        pos = position(put("manager", f.path("/visit-steps/facings"), Map.of("title", "Yuzalar", "kind", "NUMBER", "required", false,
                "order", 2), 200));
        List<?> steps = (List<?>) read("manager", f.path("/visit-steps?minPosition=" + pos), 200).get("items");
        assertThat(values(steps, "id")).containsExactly("shelf", "facings");
        assertThat(values(steps, "version")).containsExactly(1, 2);
        assertThat(values(steps, "required")).containsExactly(true, false);
        put("manager", f.path("/visit-steps/yoq"), Map.of("title", "X", "kind", "CHECK", "required", false, "order", 1), 404);
    }

    @Test
    void clientsListedFoundNearbyAndFollowedByOfflineDevices() {
        FieldApi f = FieldApi.project("FLAG");
        String tin = Long.toString(300_000_000L + System.nanoTime() % 99_999_999L);
        Map<?, ?> baraka = post("manager", f.path("/clients"), Map.of("name", "Baraka do'koni", "legalName", "Baraka savdo MChJ",
                "tin", tin, "address", "Chilonzor 9-kvartal", "onecCode", "K-100", "location", Map.of("lat", FieldApi.north(100), "lon", FieldApi.LON),
                "agentIds", List.of(f.agent1), "tags", List.of("chakana")), 201);
        String barakaId = (String) baraka.get("id");
        Map<?, ?> taken = post("manager", f.path("/clients"), Map.of("name", "Boshqa", "onecCode", "K-100"), 409);
        assertThat(taken.get("code")).isEqualTo("ALREADY_EXISTS");
        assertThat(taken.get("clientId")).isEqualTo(barakaId);
        String anor = f.client("Anor market", 800.0, List.of(f.agent2));
        String olma = f.client("Olma", 3000.0, List.of());
        String yangi = f.client("Yangi nuqta", null, List.of());
        post(f.user1, f.path("/clients"), Map.of("name", "X"), 403);
        assertThat(errorsOf(post("manager", f.path("/clients"), Map.of("name", "X", "agentIds", List.of("yoq")), 400)).toString())
                .contains("agentIds");
        assertThat(errorsOf(post("manager", f.path("/clients"), Map.of("name", "X", "location", Map.of("lat", 91, "lon", 0)), 400))
                .toString()).contains("location.lat");
        long pos = position(post("manager", f.path("/clients"), Map.of("name", "Zarafshon"), 201));

        Map<?, ?> all = read("manager", f.path("/clients?minPosition=" + pos), 200);
        assertThat(values(all.get("items"), "name")).containsExactly("Anor market", "Baraka do'koni", "Olma", "Yangi nuqta", "Zarafshon");
        assertThat(all.get("totalItems")).isEqualTo(5);
        assertThat(values(read("manager", f.path("/clients?q=" + tin), 200).get("items"), "id")).containsExactly(barakaId);
        assertThat(values(read("manager", f.path("/clients?q=chilonzor"), 200).get("items"), "id")).containsExactly(barakaId);
        assertThat(values(read("manager", f.path("/clients?tag=chakana"), 200).get("items"), "id")).containsExactly(barakaId);
        assertThat(values(read("manager", f.path("/clients?agentId=" + f.agent2), 200).get("items"), "id")).containsExactly(anor);
        // an agent sees its own clients and those assigned to nobody
        assertThat(values(read(f.user1, f.path("/clients"), 200).get("items"), "name"))
                .containsExactly("Baraka do'koni", "Olma", "Yangi nuqta", "Zarafshon");
        read(f.user1, f.path("/clients/" + anor), 404);
        read(f.user1, f.path("/clients/" + barakaId), 200);

        // nearest first, within the radius, with the great-circle distance
        List<?> near = (List<?>) read("manager", f.path("/clients/nearby?lat=" + FieldApi.LAT + "&lon=" + FieldApi.LON + "&radiusMeters=1000"),
                200).get("items");
        assertThat(values(near, "id")).containsExactly(barakaId, anor);
        assertThat(values(near, "distanceMeters")).containsExactly(100, 800);
        assertThat(values(read(f.user2, f.path("/clients/nearby?lat=" + FieldApi.LAT + "&lon=" + FieldApi.LON + "&radiusMeters=5000"),
                200).get("items"), "id")).containsExactly(anor, olma);
        assertThat(errorsOf(read("manager", f.path("/clients/nearby?lat=41.3&lon=69.2&radiusMeters=60000"), 400)).toString())
                .contains("radiusMeters");
        read("manager", f.path("/clients/nearby?lon=69.2"), 400);

        // archived: hidden from lists and nearby, shown with archived=true, its visits refused, restored
        pos = position(delete("manager", f.path("/clients/" + anor), 200));
        Map<?, ?> active = read("manager", f.path("/clients?minPosition=" + pos), 200);
        assertThat(values(active.get("items"), "id")).doesNotContain(anor);
        assertThat(active.get("totalItems")).isEqualTo(4);
        Map<?, ?> gone = read("manager", f.path("/clients?archived=true"), 200);
        assertThat(values(gone.get("items"), "id")).containsExactly(anor);
        assertThat(gone.get("totalItems")).isEqualTo(1);
        // the counts follow a client's agents: agent 2 had one client and now none, agent 1 sees one more
        assertThat(read(f.user2, f.path("/clients"), 200).get("totalItems")).isEqualTo(3);
        pos = position(put("manager", f.path("/clients/" + olma), Map.of("name", "Olma", "agentIds", List.of(f.agent1)), 200));
        assertThat(read(f.user2, f.path("/clients?minPosition=" + pos), 200).get("totalItems")).isEqualTo(2);
        assertThat(read(f.user1, f.path("/clients"), 200).get("totalItems")).isEqualTo(4);
        assertThat(read(f.user1, f.path("/clients?page=1&size=2"), 200).get("totalPages")).isEqualTo(2);
        Map<?, ?> refused = post("manager", f.path("/visits"), Map.of("clientId", anor, "agentId", f.agent2, "plannedFor", today().toString()), 409);
        assertThat(refused.get("code")).isEqualTo("CLIENT_ARCHIVED");
        pos = position(post("manager", f.path("/clients/" + anor + "/restore"), Map.of(), 200));
        assertThat(values(read("manager", f.path("/clients?minPosition=" + pos), 200).get("items"), "id")).contains(anor);
        delete(f.user1, f.path("/clients/" + anor), 403);
        delete("manager", f.path("/clients/" + uniqueId("yoq")), 404);
        delete("manager", "/api/projects/" + uniqueId("yoq") + "/clients/" + anor, 404);

        // search: name, legal name, TIN, 1C code; the project is the parent; another project's agent finds nothing. The
        // tenant has thousands of other clients by now (the 1C tests' bases): the words are searched as the project's
        // agent, who sees its own clients only
        Map<?, ?> found = read(f.user1, "/api/search?type=client&q=baraka&size=200&minPosition=" + pos, 200);
        List<?> inProject = ((List<?>) found.get("items")).stream().filter(i -> f.project.equals(((Map<?, ?>) i).get("parentId"))).toList();
        assertThat(values(inProject, "id")).containsExactly(barakaId);
        assertThat(values(read(f.user1, "/api/search?type=client&q=savdo", 200).get("items"), "id")).contains(barakaId);
        assertThat(values(read("manager", "/api/search?type=client&q=" + tin, 200).get("items"), "id")).containsExactly(barakaId);
        assertThat(values(read(f.user1, "/api/search?type=client&q=" + tin, 200).get("items"), "id")).containsExactly(barakaId);
        FieldApi other = FieldApi.project("FLAG");
        assertThat(values(read(other.user1, "/api/search?type=client&q=" + tin, 200).get("items"), "id")).isEmpty();
        read(other.user1, f.path("/clients"), 404);
        read("manager", "/api/projects/" + uniqueId("yoq") + "/clients", 404);

        // a client without a location learns an accurate check-in's (learnClientLocation, accuracy ≤ 50 m)
        Map<?, ?> learnt = post(f.user2, f.path("/visits/check-in"), Map.of("clientId", yangi, "location", FieldApi.at(2500, 10)), 201);
        assertThat(learnt.get("flags")).isEqualTo(List.of("UNPLANNED", "NO_CLIENT_LOCATION"));
        Map<?, ?> place = (Map<?, ?>) read("manager", f.path("/clients/" + yangi + "?minPosition=" + position(learnt)), 200).get("location");
        assertThat((Double) place.get("lat")).isCloseTo(FieldApi.north(2500), org.assertj.core.data.Offset.offset(1e-9));

        // an import: all or none, a bad item named by its index
        Map<String, Object> good = Map.of("name", "Import 1", "onecCode", "K-900");
        Map<String, Object> bad = Map.of("name", "Import 2", "agentIds", List.of("yoq"));
        assertThat(errorsOf(post("manager", f.path("/clients/bulk"), Map.of("clients", List.of(good, bad)), 400)).toString())
                .contains("clients[1].agentIds");
        Map<?, ?> dup = post("manager", f.path("/clients/bulk"), Map.of("clients", List.of(good, Map.of("name", "Import 3", "onecCode", "K-100"))), 409);
        assertThat(dup.get("code")).isEqualTo("ALREADY_EXISTS");
        assertThat(dup.get("index")).isEqualTo(1);
        Map<?, ?> imported = post("manager", f.path("/clients/bulk"), Map.of("clients", List.of(good, Map.of("name", "Import 4"))), 201);
        assertThat((List<?>) imported.get("ids")).hasSize(2);
        Map<?, ?> afterImport = read("manager", f.path("/clients?q=import&minPosition=" + position(imported)), 200);
        assertThat(values(afterImport.get("items"), "name")).containsExactly("Import 1", "Import 4");
        post(f.user1, f.path("/clients/bulk"), Map.of("clients", List.of(good)), 403);
    }

    @Test
    void theChangeFeedGivesEveryChangeOnceWhateverIsWrittenMeanwhile() {
        FieldApi f = FieldApi.project("FLAG");
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(f.client("Mijoz " + i, (double) i * 100, List.of()));
        }
        long pos = position(put("manager", f.path("/clients/" + clients.get(1)), Map.of("name", "Mijoz 1 (yangi)"), 200));
        read("manager", f.path("/clients?minPosition=" + pos), 200);
        // follow the feed two at a time; between pages, more changes are written
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        int page = 0;
        while (more) {
            Map<?, ?> answer = read("manager", f.path("/clients/changes?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            for (Object item : (List<?>) answer.get("items")) {
                Map<?, ?> client = (Map<?, ?>) item;
                seen.add(client.get("id") + ":" + client.get("name") + ":" + client.get("archived"));
            }
            cursor = (String) answer.get("nextCursor");
            more = (Boolean) answer.get("hasMore");
            if (page == 0) {
                // a change to a client already read and a new client, while the device is mid-way
                position(delete("manager", f.path("/clients/" + clients.getFirst()), 200));
                String late = f.client("Kechki mijoz", null, List.of());
                pos = position(put("manager", f.path("/clients/" + late), Map.of("name", "Kechki mijoz 2"), 200));
                read("manager", f.path("/clients?minPosition=" + pos), 200);
            }
            page++;
        }
        // the six clients in change order: 0, 2, 3, 4 as created, 1 renamed, then 0 archived and the late one renamed
        assertThat(seen).containsExactly(clients.get(0) + ":Mijoz 0:false", clients.get(2) + ":Mijoz 2:false",
                clients.get(3) + ":Mijoz 3:false", clients.get(4) + ":Mijoz 4:false", clients.get(1) + ":Mijoz 1 (yangi):false",
                clients.get(0) + ":Mijoz 0:true", seen.getLast());
        assertThat(seen.getLast()).endsWith(":Kechki mijoz 2:false");
        // nothing new: the same cursor, no more
        Map<?, ?> none = read("manager", f.path("/clients/changes?cursor=" + cursor), 200);
        assertThat((List<?>) none.get("items")).isEmpty();
        assertThat(none.get("nextCursor")).isEqualTo(cursor);
        assertThat(errorsOf(read("manager", f.path("/clients/changes?limit=1001"), 400)).toString()).contains("limit");
        assertThat(errorsOf(read("manager", f.path("/clients/changes?cursor=bm9wZQ"), 400)).toString()).contains("cursor");
        // an agent learns that a client is no longer its own
        String mine = f.client("Meniki", null, List.of(f.agent1));
        Map<?, ?> start = read(f.user1, f.path("/clients/changes?limit=1000"), 200);
        pos = position(put("manager", f.path("/clients/" + mine), Map.of("name", "Meniki", "agentIds", List.of(f.agent2)), 200));
        read("manager", f.path("/clients?minPosition=" + pos), 200);
        List<?> after = (List<?>) read(f.user1, f.path("/clients/changes?cursor=" + start.get("nextCursor")), 200).get("items");
        assertThat(values(after, "id")).containsExactly(mine);
        assertThat(values(after, "assigned")).containsExactly(false);
    }

    @Test
    void aVisitFromPlanToCheckOutWithItsWholeStory() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        String shop = f.client("Baraka", 0.0, List.of());
        String far = f.client("Uzoq", 5000.0, List.of());
        String v1 = f.plan(shop, f.agent1, today());
        String v2 = f.plan(far, f.agent1, today());
        String other = f.plan(shop, f.agent2, today());
        // refusals before anything starts
        post("manager", "/api/visits/" + v1 + "/check-in", Map.of("location", at(0, 5)), 403);
        post(f.user2, "/api/visits/" + v1 + "/check-in", Map.of("location", at(0, 5)), 403);
        FieldApi elsewhere = FieldApi.project("FLAG");
        post(elsewhere.user1, "/api/visits/" + v1 + "/check-in", Map.of("location", at(0, 5)), 404);
        post(f.user1, "/api/visits/" + uniqueId("yoq") + "/check-in", Map.of("location", at(0, 5)), 404);
        assertThat(errorsOf(post(f.user1, "/api/visits/" + v1 + "/check-in", Map.of("location", Map.of("lat", 41.3)), 400)).toString())
                .contains("location.lon");

        Map<?, ?> in = post(f.user1, "/api/visits/" + v1 + "/check-in", Map.of("location", at(40, 12), "provider", "gps"), 200);
        assertThat(in.get("status")).isEqualTo("IN_PROGRESS");
        assertThat(in.get("distanceMeters")).isEqualTo(40);
        assertThat(in.get("withinGeofence")).isEqualTo(true);
        assertThat(in.get("flags")).isEqualTo(List.of());
        Map<?, ?> busy = post(f.user1, "/api/visits/" + v2 + "/check-in", Map.of("location", at(5000, 5)), 409);
        assertThat(busy.get("code")).isEqualTo("VISIT_IN_PROGRESS");
        assertThat(busy.get("visitId")).isEqualTo(v1);
        assertThat(post(f.user1, "/api/visits/" + v1 + "/cancel", Map.of("reason", "x"), 409).get("code")).isEqualTo("VISIT_NOT_PLANNED");

        // the checklist: values checked by kind, photos uploaded to the project first
        assertThat(errorsOf(put(f.user1, "/api/visits/" + v1 + "/steps/facings", Map.of("value", "oltita"), 400)).toString()).contains("value");
        put(f.user1, "/api/visits/" + v1 + "/steps/yoq", Map.of("value", 1), 404);
        put(f.user2, "/api/visits/" + v1 + "/steps/facings", Map.of("value", 6), 403);
        put(f.user1, "/api/visits/" + v1 + "/steps/facings", Map.of("value", 6), 200);
        Map<?, ?> early = post(f.user1, "/api/visits/" + v1 + "/check-out", Map.of("location", at(40, 12)), 409);
        assertThat(early.get("code")).isEqualTo("STEPS_INCOMPLETE");
        assertThat(early.get("missing")).isEqualTo(List.of("shelf"));
        String photo = (String) f.upload(f.user1, FieldApi.png((int) (System.nanoTime() % 100_000)), 201).get("id");
        assertThat(errorsOf(put(f.user1, "/api/visits/" + v1 + "/steps/shelf", Map.of("imageIds", List.of()), 400)).toString()).contains("imageIds");
        put(f.user1, "/api/visits/" + v1 + "/steps/shelf", Map.of("imageIds", List.of(photo)), 200);
        post(f.user1, "/api/visits/" + v1 + "/images", Map.of("imageId", photo, "stepId", "shelf"), 201);
        assertThat(errorsOf(post(f.user1, "/api/visits/" + v1 + "/images", Map.of("imageId", "yoq"), 400)).toString()).contains("imageId");

        Map<?, ?> out = post(f.user1, "/api/visits/" + v1 + "/check-out", Map.of("location", at(400, 10), "outcomeId", "buyurtma",
                "note", "Hammasi joyida"), 200);
        assertThat(out.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) out.get("durationSeconds")).longValue()).isBetween(0L, 120L);
        assertThat(out.get("flags")).isEqualTo(List.of("CHECKOUT_OUT_OF_GEOFENCE"));
        assertThat(post(f.user1, "/api/visits/" + v1 + "/check-out", Map.of("location", at(0, 5)), 409).get("code"))
                .isEqualTo("VISIT_NOT_IN_PROGRESS");

        // the visit as it was, whole
        Map<?, ?> visit = read(f.user1, "/api/visits/" + v1 + "?minPosition=" + position(out), 200);
        assertThat(visit.get("status")).isEqualTo("COMPLETED");
        assertThat(((Map<?, ?>) visit.get("client")).get("name")).isEqualTo("Baraka");
        assertThat(((Map<?, ?>) visit.get("agent")).get("name")).isEqualTo("Ali Valiyev");
        assertThat(((Map<?, ?>) visit.get("plan")).get("plannedFor")).isEqualTo(today().toString());
        assertThat(((Map<?, ?>) visit.get("checkIn")).get("distanceMeters")).isEqualTo(40);
        assertThat(((Map<?, ?>) visit.get("checkOut")).get("distanceMeters")).isEqualTo(400);
        assertThat(visit.get("outcomeId")).isEqualTo("buyurtma");
        assertThat(visit.get("flags")).isEqualTo(List.of("CHECKOUT_OUT_OF_GEOFENCE"));
        List<?> steps = (List<?>) visit.get("steps");
        assertThat(values(steps, "stepId")).containsExactly("shelf", "facings");
        assertThat(values(steps, "title")).containsExactly("Javon rasmi", "Yuzalar soni");
        assertThat(((Map<?, ?>) ((Map<?, ?>) steps.get(1)).get("answer")).get("value")).isEqualTo(6);
        assertThat(((Map<?, ?>) ((Map<?, ?>) steps.getFirst()).get("answer")).get("imageIds")).isEqualTo(List.of(photo));
        assertThat(values(visit.get("images"), "imageId")).containsExactly(photo);
        assertThat(values(visit.get("history"), "type")).containsExactly("VisitPlanned", "VisitCheckedIn", "VisitStepAnswered",
                "VisitStepAnswered", "VisitImageAttached", "VisitCheckedOut");
        assertThat(values(visit.get("history"), "user")).contains(f.user1, "manager");
        read(f.user2, "/api/visits/" + v1, 403);
        read(elsewhere.user1, "/api/visits/" + v1, 404);
        read("auditor", "/api/visits/" + v1, 200);

        // the list: by day, filtered by agent, status and flag; an agent reads its own visits only
        String base = f.path("/visits?date=" + today());
        assertThat(values(read("manager", base + "&status=COMPLETED", 200).get("items"), "id")).containsExactly(v1);
        assertThat(values(read("manager", base + "&flag=CHECKOUT_OUT_OF_GEOFENCE", 200).get("items"), "id")).containsExactly(v1);
        assertThat(values(read("manager", base + "&agentId=" + f.agent2, 200).get("items"), "id")).containsExactly(other);
        assertThat(values(read(f.user1, base, 200).get("items"), "id")).containsExactlyInAnyOrder(v1, v2);
        read(f.user1, base + "&agentId=" + f.agent2, 403);
        read("manager", base + "&status=DONE", 400);
        Map<?, ?> detail = read("manager", f.path("/clients/" + shop), 200);
        assertThat(((Map<?, ?>) detail.get("lastVisit")).get("id")).isEqualTo(v1);
        assertThat(((Map<?, ?>) detail.get("nextPlannedVisit")).get("id")).isEqualTo(other);

        // an unplanned visit, flagged, far from the client
        Map<?, ?> unplanned = post(f.user1, f.path("/visits/check-in"), Map.of("clientId", far, "location", at(4000, 20)), 201);
        // 3.6 km from the check-out a minute ago is also faster than anyone drives
        assertThat(unplanned.get("flags")).isEqualTo(List.of("UNPLANNED", "OUT_OF_GEOFENCE", "IMPOSSIBLE_TRAVEL"));
        assertThat(unplanned.get("distanceMeters")).isEqualTo(1000);
        post("manager", f.path("/visits/check-in"), Map.of("clientId", far, "location", at(0, 5)), 403);
        post(elsewhere.user1, f.path("/visits/check-in"), Map.of("clientId", far, "location", at(0, 5)), 404);
    }

    @Test
    void plansChangeOnlyWhilePlannedAndBulkPlansAllOrNothing() {
        FieldApi f = FieldApi.project("REFUSE");
        String shop = f.client("Baraka", 0.0, List.of());
        String v = f.plan(shop, f.agent1, today());
        post(f.user1, "/api/visits/" + v + "/reschedule", Map.of("plannedFor", today().plusDays(1).toString(), "plannedTime", "10:30"), 200);
        post(f.user2, "/api/visits/" + v + "/reschedule", Map.of("plannedFor", today().toString()), 403);
        assertThat(errorsOf(post("manager", "/api/visits/" + v + "/reschedule", Map.of("plannedFor", today().minusDays(1).toString()), 400))
                .toString()).contains("plannedFor");
        assertThat(errorsOf(post("manager", "/api/visits/" + v + "/cancel", Map.of(), 400)).toString()).contains("reasonId");
        assertThat(errorsOf(post("manager", "/api/visits/" + v + "/cancel", Map.of("reasonId", "yomgir"), 400)).toString()).contains("reasonId");
        long pos = position(post("manager", "/api/visits/" + v + "/cancel", Map.of("reasonId", "yopiq", "reason", "Ta'mirda"), 200));
        Map<?, ?> cancelled = read("manager", "/api/visits/" + v + "?minPosition=" + pos, 200);
        assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancellation")).isEqualTo(Map.of("reasonId", "yopiq", "reason", "Ta'mirda"));
        assertThat(((Map<?, ?>) cancelled.get("plan")).get("plannedTime")).isEqualTo("10:30:00");
        assertThat(post(f.user1, "/api/visits/" + v + "/check-in", Map.of("location", at(0, 5)), 409).get("code")).isEqualTo("VISIT_NOT_PLANNED");

        // geofence REFUSE: outside is refused with the distance and the radius
        String v2 = f.plan(shop, f.agent1, today());
        Map<?, ?> outside = post(f.user1, "/api/visits/" + v2 + "/check-in", Map.of("location", at(500, 20)), 409);
        assertThat(outside.get("code")).isEqualTo("OUT_OF_GEOFENCE");
        assertThat(outside.get("distanceMeters")).isEqualTo(500);
        assertThat(outside.get("radiusMeters")).isEqualTo(150);

        // bulk: one bad item plans nothing and is named by its index
        Map<String, Object> good = new HashMap<>(Map.of("clientId", shop, "agentId", f.agent2, "plannedFor", today().plusDays(2).toString()));
        Map<String, Object> bad = new HashMap<>(Map.of("clientId", "yoq", "agentId", f.agent2, "plannedFor", today().plusDays(2).toString()));
        assertThat(errorsOf(post("manager", f.path("/visits/bulk"), Map.of("visits", List.of(good, bad)), 400)).toString())
                .contains("visits[1].clientId");
        Map<String, Object> stranger = new HashMap<>(good);
        stranger.put("agentId", "yoq");
        assertThat(errorsOf(post("manager", f.path("/visits/bulk"), Map.of("visits", List.of(good, stranger)), 400)).toString())
                .contains("visits[1].agentId");
        assertThat(errorsOf(post("manager", f.path("/visits/bulk"), Map.of("visits", List.of()), 400)).toString()).contains("visits");
        String day2 = f.path("/visits?date=" + today().plusDays(2));
        assertThat((List<?>) read("manager", day2, 200).get("items")).isEmpty();
        Map<String, Object> again = new HashMap<>(good);
        again.put("agentId", f.agent1);
        Map<?, ?> planned = post("manager", f.path("/visits/bulk"), Map.of("visits", List.of(good, again)), 201);
        assertThat((List<?>) planned.get("ids")).hasSize(2);
        assertThat(values(read("manager", day2 + "&minPosition=" + position(planned), 200).get("items"), "id"))
                .containsExactlyInAnyOrderElementsOf((List<?>) planned.get("ids"));
        post(f.user1, f.path("/visits/bulk"), Map.of("visits", List.of(good)), 403);
        post("manager", "/api/projects/" + uniqueId("yoq") + "/visits/bulk", Map.of("visits", List.of(good)), 404);
    }

    @Test
    void aVisitWhoseDayEndedWithoutACheckInIsMissedAndMayStillBeVisitedThatWeek() {
        FieldApi f = FieldApi.project("FLAG");
        // planned for today where the day ends last (UTC-12); then the project moves to where it is already tomorrow
        put("admin", "/api/projects/" + f.project, Map.of("name", "Loyiha", "timezone", "Etc/GMT+12"), 200);
        String shop = f.client("Baraka", 0.0, List.of());
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Etc/GMT+12"));
        String visit = (String) post("manager", f.path("/visits"), Map.of("clientId", shop, "agentId", f.agent1, "plannedFor",
                day.toString()), 201).get("id");
        String later = (String) post("manager", f.path("/visits"), Map.of("clientId", shop, "agentId", f.agent1, "plannedFor",
                day.plusDays(3).toString()), 201).get("id");
        put("admin", "/api/projects/" + f.project, Map.of("name", "Loyiha", "timezone", "Pacific/Kiritimati"), 200);
        // the end of the planned day, as the plan recorded it, is where the clock would be tomorrow
        eventsDb().update("UPDATE visit_owners SET due_at = now() - interval '1 minute' WHERE visit_id IN (?, ?)", visit, later);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(read("manager", "/api/visits/" + visit, 200).get("status")).isEqualTo("MISSED"));
        // a visit whose day has not come is left planned, and swept again when it has
        assertThat(read("manager", "/api/visits/" + later, 200).get("status")).isEqualTo("PLANNED");
        assertThat(eventsDb().queryForObject("SELECT due_at > now() FROM visit_owners WHERE visit_id = ?", Boolean.class, later)).isTrue();
        assertThat(values(read("manager", f.path("/visits?status=MISSED"), 200).get("items"), "id")).containsExactly(visit);
        java.time.LocalDate now = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati"));
        boolean sameWeek = now.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR) == day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        if (sameWeek) {
            Map<?, ?> late = post(f.user1, "/api/visits/" + visit + "/check-in", Map.of("location", at(0, 5)), 200);
            assertThat(late.get("flags")).isEqualTo(List.of("LATE"));
        } else {
            assertThat(post(f.user1, "/api/visits/" + visit + "/check-in", Map.of("location", at(0, 5)), 409).get("code"))
                    .isEqualTo("VISIT_NOT_PLANNED");
        }
        // a missed visit may be rescheduled or cancelled
        post("manager", "/api/visits/" + visit + "/cancel", Map.of("reason", "Kech qoldik"), sameWeek ? 409 : 200);
    }

    @Test
    void routesPlanTwoWeeksAheadOnceAndChangeOnlyTheFuturePlansNotMade() {
        FieldApi f = FieldApi.project("FLAG");
        String a = f.client("Anor", 0.0, List.of());
        String b = f.client("Behzod", 10.0, List.of());
        Map<?, ?> created = post("manager", f.path("/routes"), Map.of("agentId", f.agent1, "name", "Har kuni",
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a, b)), 201);
        String route = (String) created.get("id");
        assertThat(created.get("planned")).isEqualTo(28);
        assertThat(created.get("plannedThrough")).isEqualTo(today().plusDays(13).toString());
        String range = f.path("/visits?from=" + today() + "&to=" + today().plusDays(20) + "&size=200&minPosition=" + position(created));
        List<?> visits = (List<?>) read("manager", range, 200).get("items");
        assertThat(visits).hasSize(28);
        assertThat(values(visits, "routeId")).containsOnly(route);
        // planning again never duplicates
        Map<?, ?> same = put("manager", f.path("/routes/" + route), Map.of("agentId", f.agent1, "name", "Har kuni",
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a, b)), 200);
        assertThat(same.get("planned")).isEqualTo(0);
        assertThat(same.get("cancelled")).isEqualTo(0);
        // today's visit to b is made; the route then drops b: its other future plans are cancelled, the one made stays
        String todayAtB = visits.stream().map(v -> (Map<?, ?>) v).filter(v -> b.equals(v.get("clientId")) && today().toString().equals(v.get("day")))
                .map(v -> (String) v.get("id")).findFirst().orElseThrow();
        post(f.user1, "/api/visits/" + todayAtB + "/check-in", Map.of("location", at(10, 5)), 200);
        Map<?, ?> changed = put("manager", f.path("/routes/" + route), Map.of("agentId", f.agent1, "name", "Faqat Anor",
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a)), 200);
        assertThat(changed.get("cancelled")).isEqualTo(13);
        assertThat(changed.get("planned")).isEqualTo(0);
        List<?> after = (List<?>) read("manager", range.replaceAll("minPosition=\\d+", "minPosition=" + position(changed)), 200).get("items");
        assertThat(after.stream().map(v -> (Map<?, ?>) v).filter(v -> b.equals(v.get("clientId")) && "CANCELLED".equals(v.get("status"))))
                .hasSize(13);
        assertThat(values(read("manager", "/api/visits/" + todayAtB, 200).get("history"), "type")).containsExactly("VisitPlanned", "VisitCheckedIn");
        // b back on the route: its future days are planned anew (the cancelled visits stay cancelled), today's visit stays
        Map<?, ?> back = put("manager", f.path("/routes/" + route), Map.of("agentId", f.agent1, "name", "Har kuni",
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a, b)), 200);
        assertThat(back.get("planned")).isEqualTo(13);
        assertThat(back.get("cancelled")).isEqualTo(0);
        List<?> again = (List<?>) read("manager", range.replaceAll("minPosition=\\d+", "minPosition=" + position(back)), 200).get("items");
        assertThat(again.stream().map(v -> (Map<?, ?>) v).filter(v -> b.equals(v.get("clientId")) && "PLANNED".equals(v.get("status")))).hasSize(13);
        assertThat(put("manager", f.path("/routes/" + route), Map.of("agentId", f.agent1, "name", "Har kuni",
                "weekdays", List.of(1, 2, 3, 4, 5, 6, 7), "clientIds", List.of(a, b)), 200).get("planned")).isEqualTo(0);
        Map<?, ?> routes = read("manager", f.path("/routes?minPosition=" + position(back)), 200);
        assertThat(values(routes.get("items"), "name")).containsExactly("Har kuni");
        assertThat(values(routes.get("items"), "clientIds")).containsExactly(List.of(a, b));
        // refusals and roles
        assertThat(errorsOf(post("manager", f.path("/routes"), Map.of("agentId", f.agent1, "name", "X", "weekdays", List.of(9),
                "clientIds", List.of(a)), 400)).toString()).contains("weekdays");
        assertThat(errorsOf(post("manager", f.path("/routes"), Map.of("agentId", "yoq", "name", "X", "weekdays", List.of(1),
                "clientIds", List.of(a)), 400)).toString()).contains("agentId");
        post(f.user1, f.path("/routes"), Map.of("agentId", f.agent1, "name", "X", "weekdays", List.of(1), "clientIds", List.of(a)), 403);
        put("manager", f.path("/routes/" + uniqueId("yoq")), Map.of("agentId", f.agent1, "name", "X", "weekdays", List.of(1),
                "clientIds", List.of(a)), 404);
    }

    @Test
    void photosAreAuditedAndReusedOnesNamed() throws Exception {
        FieldApi f = FieldApi.project("FLAG");
        byte[] bytes = FieldApi.png((int) (System.nanoTime() % 100_000) + 7);
        Map<?, ?> first = f.upload(f.user1, bytes, 201);
        Map<?, ?> again = f.upload(f.user2, bytes, 201);
        assertThat(again.get("duplicateOf")).isEqualTo(first.get("id"));
        FieldApi other = FieldApi.project("FLAG");
        f.upload(other.user1, bytes, 404);
        // the photo is its project's: another project's agent does not see it, its own agents and managers do
        long uploaded = position(again);
        queries().get().uri("/api/images/" + first.get("id") + "?minPosition=" + uploaded).header("Authorization", bearer(other.user1))
                .exchange().expectStatus().isNotFound();
        queries().get().uri("/api/images/" + first.get("id") + "?minPosition=" + uploaded).header("Authorization", bearer(f.user2))
                .exchange().expectStatus().isOk().expectHeader().contentType("image/png");
        queries().get().uri("/api/images/" + first.get("id") + "?size=thumb").header("Authorization", bearer("manager"))
                .exchange().expectStatus().isOk().expectHeader().contentType("image/jpeg");
        Map<?, ?> queue = read("manager", f.path("/images?status=PENDING&minPosition=" + position(again)), 200);
        assertThat(values(queue.get("items"), "id")).containsExactly(first.get("id"), again.get("id"));
        assertThat(values(queue.get("items"), "source")).containsExactly("AGENT", "AGENT");
        assertThat(values(queue.get("items"), "duplicateOf")).containsExactly(null, first.get("id"));
        read(f.user1, f.path("/images"), 403);
        post(f.user1, "/api/images/" + again.get("id") + "/review", Map.of("status", "REJECTED"), 403);
        assertThat(errorsOf(post("manager", "/api/images/" + again.get("id") + "/review", Map.of("status", "MAYBE"), 400)).toString())
                .contains("status");
        long pos = position(post("manager", "/api/images/" + again.get("id") + "/review", Map.of("status", "REJECTED", "note", "Eski rasm"), 200));
        assertThat(values(read("manager", f.path("/images?status=PENDING&minPosition=" + pos), 200).get("items"), "id"))
                .containsExactly(first.get("id"));
        Map<?, ?> rejected = (Map<?, ?>) ((List<?>) read("auditor", f.path("/images?status=REJECTED"), 200).get("items")).getFirst();
        assertThat(rejected.get("reviewNote")).isEqualTo("Eski rasm");
        assertThat(rejected.get("reviewedBy")).isEqualTo("manager");
        post("manager", "/api/images/" + uniqueId("yoq") + "/review", Map.of("status", "APPROVED"), 404);
        // a client's image
        String client = f.client("Rasmli", null, List.of());
        post(f.user1, f.path("/clients/" + client + "/images"), Map.of("imageId", first.get("id"), "kind", "storefront"), 201);
        post(other.user1, f.path("/clients/" + client + "/images"), Map.of("imageId", first.get("id")), 404);
        Map<?, ?> shown = read("manager", f.path("/clients/" + client + "?minPosition=" + position(
                post("manager", f.path("/clients/" + client + "/images"), Map.of("imageId", again.get("id")), 201))), 200);
        assertThat(values(shown.get("images"), "imageId")).containsExactly(first.get("id"), again.get("id"));
    }
}
