package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/admin/projections/{name}/rebuild} (audit.md): both read models rebuilt in the background while
 * readers hammer them. No read answers anything but what it answered before; a kitchen written to during the rebuild
 * ends up right and its live feed told each change exactly once; alerts are not repeated; the progress stream ends
 * with {@code done}; the previous generation is dropped.
 */
class ZeroDowntimeRebuildTest extends SystemTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    @Test
    void rebuildsUnderConcurrentReadsWithoutAnEmptyOrPartialAnswer() throws Exception {
        // a quiet kitchen: stock, meals, servings, three low-stock alerts (one cleared), searchable names
        KitchenApi quiet = KitchenApi.create("rb-quiet").ingredient("guruch", 2000).ingredient("sabzi", 500).ingredient("yog", 100);
        quiet.expect(quiet.call("manager", HttpMethod.POST, quiet.path("/ingredients"),
                Map.of("id", "guruchli", "name", "Guruchli somsa xamiri", "minStockGrams", 0)), 201);
        quiet.deliver("guruch", 5000).deliver("sabzi", 2800).deliver("yog", 300).meal("osh", "guruch", 150, "sabzi", 100, "yog", 10);
        for (int i = 0; i < 12; i++) {
            quiet.expect(quiet.call("cook", HttpMethod.POST, quiet.path("/servings"), Map.of("mealId", "osh", "portions", 2)), 201);
        }
        // a name that COPY's text format must escape (the rebuild writes servings with COPY, the live projection with INSERT)
        quiet.expect(quiet.call("manager", HttpMethod.POST, quiet.path("/meals"), Map.of("id", "plov", "name",
                "Plov \\ \"to'y\"\tплов\\n", "recipe", KitchenApi.recipe("guruch", 10))), 201);
        quiet.expect(quiet.call("cook", HttpMethod.POST, quiet.path("/servings"), Map.of("mealId", "plov", "portions", 1)), 201);
        // now guruch 1390 < 2000, sabzi 400 < 500 and yog 60 < 100 are all low; a delivery clears yog's alert
        quiet.deliver("sabzi", 10).deliver("yog", 500);

        // a busy kitchen written to during the rebuild: one ingredient, one meal, nothing below its minimum
        KitchenApi busy = KitchenApi.create("rb-busy").ingredient("un", 0).deliver("un", 1_000_000).meal("non", "un", 10);
        busy.read("/stock");
        quiet.read("/stock");

        Map<String, String> reads = new LinkedHashMap<>();
        String asOf = java.time.Instant.now().toString();
        for (String suffix : List.of("", "/stock?asOf=" + asOf, "/capacity", "/alerts", "/meals", "/servings")) {
            reads.put(quiet.path(suffix), "manager");
        }
        reads.put("/api/search?q=guruch&facets=true&size=100", "manager");
        reads.put("/api/search?q=sabz", "manager");
        reads.put("/api/search?q=osh", "manager");
        // the search index has everything (and has refreshed) before the answers are taken
        body("/api/search?q=guruch&minPosition=" + quiet.position, "manager");
        Map<String, String> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> r : reads.entrySet()) {
            before.put(r.getKey(), body(r.getKey(), r.getValue()));
        }
        assertThat(before.get(quiet.path("/alerts"))).as("the quiet kitchen has low-stock alerts, one of them cleared")
                .contains("\"ingredientId\":\"guruch\"", "\"ingredientId\":\"sabzi\"", "\"ingredientId\":\"yog\"", "\"clearedAt\":\"");
        assertThat(before.get("/api/search?q=guruch&facets=true&size=100")).contains("Guruchli somsa xamiri");
        assertThat(before.get(quiet.path("/servings"))).as("the escaped name as JSON")
                .contains("\"mealName\":\"Plov \\\\ \\\"to'y\\\"\\tплов\\\\n\"");
        // whole words rank above prefixes: "guruch" itself before "Guruchli …"
        assertThat(before.get("/api/search?q=guruch&facets=true&size=100").indexOf("\"id\":\"guruch\""))
                .isLessThan(before.get("/api/search?q=guruch&facets=true&size=100").indexOf("\"id\":\"guruchli\""));

        JdbcTemplate queryDb = system().queryContext().getBean("jdbcTemplate", JdbcTemplate.class);
        int quietFeed = feed(queryDb, quiet.kitchen);
        int busyFeed = feed(queryDb, busy.kitchen);
        int kitchenGeneration = queryDb.queryForObject("SELECT generation FROM projection_generation WHERE projection = 'kitchen'", Integer.class);
        List<String> indexesBefore = indexes(queryDb, kitchenGeneration);
        assertThat(indexesBefore).as("the serving log's key and index")
                .contains("kitchen_serving: CREATE UNIQUE INDEX ON S.kitchen_serving USING btree (tenant, kitchen_id, id)",
                        "kitchen_serving: CREATE INDEX ON S.kitchen_serving USING btree (tenant, kitchen_id, served_at DESC, id DESC)");

        // readers: every answer during the rebuild must be the answer from before
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger readCount = new AtomicInteger();
        ConcurrentLinkedQueue<String> differences = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            readers.execute(() -> {
                while (!stop.get()) {
                    for (Map.Entry<String, String> r : reads.entrySet()) {
                        String answer = body(r.getKey(), r.getValue());
                        readCount.incrementAndGet();
                        if (!answer.equals(before.get(r.getKey()))) {
                            differences.add(r.getKey() + " answered " + answer);
                        }
                    }
                }
            });
        }

        // roles and refusals
        for (String role : List.of("admin", "other-admin", "cook", "auditor", "manager")) {
            queries().post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer(role)).exchange()
                    .expectStatus().isForbidden();
            queries().get().uri("/api/admin/projections/kitchen/rebuild/stream").header("Authorization", bearer(role)).exchange()
                    .expectStatus().isForbidden();
        }
        queries().post().uri("/api/admin/projections/nope/rebuild").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");

        // start both rebuilds; the second request for the same read model is refused while the first runs
        String key = uniqueId("rebuild-key");
        Map<?, ?> started = queries().post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer("operator"))
                .header("Idempotency-Key", key).exchange().expectStatus().isAccepted()
                .expectHeader().valueEquals("Location", "/api/admin/projections/kitchen/rebuild/stream")
                .expectBody(Map.class).returnResult().getResponseBody();
        // followed at once: a rebuild of this test system's few thousand events may be over within a second
        List<ServerSentEvent<Map<String, Object>>> progress = Collections.synchronizedList(new ArrayList<>());
        var subscription = WebClient.builder().clientConnector(CONNECTOR).baseUrl(system().queryUrl()).build().get()
                .uri("/api/admin/projections/kitchen/rebuild/stream").header("Authorization", bearer("operator"))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(SSE).filter(e -> e.event() != null)
                .subscribe(progress::add);
        Map<?, ?> rebuild = (Map<?, ?>) started.get("rebuild");
        assertThat(rebuild.get("status")).isEqualTo("RUNNING");
        assertThat(rebuild.get("generation")).isEqualTo(kitchenGeneration + 1);
        queries().post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("REBUILD_RUNNING");
        queries().post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer("operator"))
                .header("Idempotency-Key", key).exchange().expectStatus().isAccepted()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        queries().post().uri("/api/admin/projections/search/rebuild").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isAccepted();

        // the listing shows the rebuild beside the processor that answers reads
        Map<?, ?> listing = queries().get().uri("/api/admin/projections").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> kitchenRow = ((List<?>) listing.get("items")).stream().map(Map.class::cast)
                .filter(m -> m.get("name").equals("kitchen")).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) kitchenRow.get("rebuild")).get("id")).isEqualTo(rebuild.get("id"));

        // writes while it rebuilds
        int servingsDuring = 10;
        for (int i = 0; i < servingsDuring; i++) {
            busy.expect(busy.call("cook", HttpMethod.POST, busy.path("/servings"), Map.of("mealId", "non", "portions", 1)), 201);
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> done("kitchen") && done("search"));
        stop.set(true);
        readers.shutdown();
        assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> progress.stream().anyMatch(e -> "done".equals(e.event())));
        subscription.dispose();

        assertThat(differences).as("reads during the rebuild answered what they answered before").isEmpty();
        assertThat(readCount.get()).as("reads happened during the rebuild").isGreaterThan(reads.size() * 3);
        // afterwards: byte-identical bodies
        for (Map.Entry<String, String> r : reads.entrySet()) {
            assertThat(body(r.getKey(), r.getValue())).as(r.getKey()).isEqualTo(before.get(r.getKey()));
        }
        // the writes made during the rebuild are all there, and each reached the live feed exactly once
        assertThat(busy.stock("un")).isEqualTo(1_000_000 - 10L * servingsDuring);
        assertThat(((List<?>) busy.read("/servings").get("items"))).hasSize(servingsDuring);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(feed(queryDb, busy.kitchen)).as("one stock and one capacity change per serving")
                        .isEqualTo(busyFeed + 2 * servingsDuring));
        assertThat(feed(queryDb, quiet.kitchen)).as("the rebuild told live clients nothing again, alerts included").isEqualTo(quietFeed);

        // the progress stream: progress while it ran, then done
        assertThat(progress.getLast().event()).isEqualTo("done");
        assertThat(progress.getLast().data().get("status")).isEqualTo("DONE");
        assertThat(progress.stream().filter(e -> "progress".equals(e.event()))).isNotEmpty();
        // a finished rebuild's stream answers done at once
        List<ServerSentEvent<Map<String, Object>>> after = WebClient.builder().clientConnector(CONNECTOR).baseUrl(system().queryUrl()).build()
                .get().uri("/api/admin/projections/search/rebuild/stream").header("Authorization", bearer("operator"))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(SSE).filter(e -> e.event() != null)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(after).hasSize(1);
        assertThat(after.getFirst().event()).isEqualTo("done");

        // the new generation is active and the old one is gone
        assertThat(queryDb.queryForObject("SELECT generation FROM projection_generation WHERE projection = 'kitchen'", Integer.class))
                .isEqualTo(kitchenGeneration + 1);
        // with the same keys and indexes, though the rebuild wrote its largest tables without them and built them at the end
        assertThat(indexes(queryDb, kitchenGeneration + 1)).isEqualTo(indexesBefore);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(queryDb.queryForList(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'kitchen_rm_%'", String.class))
                .containsExactly("kitchen_rm_" + (kitchenGeneration + 1)));
        Map<?, ?> listed = queries().get().uri("/api/admin/projections").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        for (Object o : (List<?>) listed.get("items")) {
            Map<?, ?> p = (Map<?, ?>) o;
            assertThat(p.get("replaying")).isEqualTo(false);
            assertThat(p.get("status")).isEqualTo("RUNNING");
            if (List.of("kitchen", "search").contains(p.get("name"))) { // the two rebuilt here
                assertThat(((Map<?, ?>) p.get("rebuild")).get("status")).isEqualTo("DONE");
            }
        }
    }

    private static boolean done(String name) {
        Map<?, ?> listing = queries().get().uri("/api/admin/projections").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        for (Object o : (List<?>) listing.get("items")) {
            Map<?, ?> p = (Map<?, ?>) o;
            if (p.get("name").equals(name)) {
                Map<?, ?> r = (Map<?, ?>) p.get("rebuild");
                assertThat(r.get("status")).as(name + " rebuild: " + r).isNotEqualTo("FAILED");
                return "DONE".equals(r.get("status"));
            }
        }
        throw new AssertionError("no projection " + name);
    }

    /** Every index of a generation's tables, without its name, its schema written as {@code S}. */
    private static List<String> indexes(JdbcTemplate db, int generation) {
        return db.queryForList("SELECT tablename || ': ' || regexp_replace(replace(indexdef, schemaname || '.', 'S.'), "
                + "'INDEX \\S+ ON', 'INDEX ON') FROM pg_indexes WHERE schemaname = ? ORDER BY 1", String.class, "kitchen_rm_" + generation);
    }

    private static int feed(JdbcTemplate db, String kitchen) {
        Integer n = db.queryForObject("SELECT count(*) FROM kitchen_change WHERE kitchen_id = ?", Integer.class, kitchen);
        return n == null ? 0 : n;
    }

    private static String body(String uri, String user) {
        return queries().get().uri(uri).header("Authorization", bearer(user)).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
