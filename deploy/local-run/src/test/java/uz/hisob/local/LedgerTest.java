package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash-chained ledger: list, export, verification, tampering found at its first position, concurrent writers. */
class LedgerTest extends SystemTestSupport {

    /** The verification once the sealer has chained every event in the store (it does so within a second). */
    static Map<?, ?> verify(String user) {
        long head = eventsDb().queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (true) {
            Map<?, ?> v = queries().get().uri("/api/ledger/verify").header("Authorization", bearer(user)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            if (((Number) v.get("sealedUpTo")).longValue() >= head || System.nanoTime() > deadline) {
                return v;
            }
            LedgerSealingTest.sleep(20);
        }
    }


    @Test
    void listAndExportShowTheKitchensEventsInOrderWithTheirHashes() {
        KitchenApi k = KitchenApi.create("ledger").ingredient("un", 0).deliver("un", 700);
        assertThat(verify("auditor").get("verified")).isEqualTo(true); // and so sealed
        Map<?, ?> page = queries().get().uri("/api/ledger?aggregateId={k}&size=200", k.kitchen).header("Authorization", bearer("auditor"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<?> items = (List<?>) page.get("items");
        assertThat(items).hasSize(3);
        Map<?, ?> delivery = (Map<?, ?>) items.get(2);
        assertThat(delivery.get("eventType")).isEqualTo("DeliveryBooked");
        assertThat(delivery.get("revision")).isEqualTo("1");
        assertThat(delivery.get("aggregateType")).isEqualTo("Kitchen");
        assertThat(delivery.get("aggregateId")).isEqualTo(k.kitchen);
        assertThat(delivery.get("sequence")).isEqualTo(2);
        assertThat(delivery.get("user")).isEqualTo("manager");
        assertThat((String) delivery.get("correlationId")).isNotBlank();
        assertThat(((Map<?, ?>) delivery.get("payload")).get("grams")).isEqualTo(700);
        assertThat(delivery.get("sealed")).isEqualTo(true);
        assertThat(delivery.get("previousHash")).isEqualTo(((Map<?, ?>) items.get(1)).get("hash"));
        assertThat((String) delivery.get("hash")).matches("sha256:[0-9a-f]{64}");
        assertThat(((Number) ((Map<?, ?>) items.get(0)).get("position")).longValue())
                .isLessThan(((Number) delivery.get("position")).longValue());

        Map<?, ?> byType = queries().get().uri("/api/ledger?eventType=DeliveryBooked&user=manager&aggregateId={k}", k.kitchen)
                .header("Authorization", bearer("admin")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(byType.get("totalItems")).isEqualTo(1);

        List<String> exported = queries().get().uri("/api/ledger/export").header("Authorization", bearer("auditor")).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/x-ndjson"))
                .returnResult(String.class).getResponseBody().filter(l -> !l.isBlank()).collectList().block(Duration.ofSeconds(60));
        String[] lines = exported.toArray(new String[0]);
        Map<?, ?> all = queries().get().uri("/api/ledger?size=1").header("Authorization", bearer("auditor")).exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((long) lines.length).isGreaterThanOrEqualTo(((Number) all.get("totalItems")).longValue());
        assertThat(IdempotencyTest.json(lines[0]).get("previousHash")).isEqualTo("sha256:" + "0".repeat(64));

        // roles and tenancy
        queries().get().uri("/api/ledger").header("Authorization", bearer("cook")).exchange().expectStatus().isForbidden();
        queries().get().uri("/api/ledger/verify").header("Authorization", bearer("manager")).exchange().expectStatus().isForbidden();
        Map<?, ?> others = queries().get().uri("/api/ledger?aggregateId={k}", k.kitchen).header("Authorization", bearer("other-admin"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(others.get("totalItems")).isEqualTo(0);
    }

    @Test
    void everyKindOfTamperingIsFoundAtItsFirstPosition() {
        KitchenApi k = KitchenApi.create("tamper").ingredient("un", 0).deliver("un", 100).deliver("un", 200);
        assertThat(verify("auditor").get("verified")).isEqualTo(true);
        List<Map<String, Object>> rows = eventsDb().queryForList("SELECT global_index, payload, meta_data FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", "demo:" + k.kitchen);
        long first = (Long) rows.get(2).get("global_index");
        long second = (Long) rows.get(3).get("global_index");
        byte[] p1 = (byte[]) rows.get(2).get("payload");
        byte[] p2 = (byte[]) rows.get(3).get("payload");
        byte[] m1 = (byte[]) rows.get(2).get("meta_data");

        // a changed payload
        eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(p1, java.nio.charset.StandardCharsets.UTF_8).replace("100", "90").getBytes(java.nio.charset.StandardCharsets.UTF_8), first);
        assertBrokenAt(first);
        eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", p1, first);
        assertThat(verify("auditor").get("verified")).isEqualTo(true);

        // changed metadata (who did it)
        eventsDb().update("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?",
                new String(m1, java.nio.charset.StandardCharsets.UTF_8).replace("manager", "admin").getBytes(java.nio.charset.StandardCharsets.UTF_8), first);
        assertBrokenAt(first);
        eventsDb().update("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?", m1, first);

        // two events swapped
        eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", p2, first);
        eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", p1, second);
        assertBrokenAt(first);
        eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", p1, first);
        eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", p2, second);

        // an event deleted
        Map<String, Object> row = eventsDb().queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", second);
        eventsDb().update("DELETE FROM domain_event_entry WHERE global_index = ?", second);
        assertBrokenAt(second);
        eventsDb().update("INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier, "
                        + "meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.get("global_index"), row.get("aggregate_identifier"), row.get("sequence_number"), row.get("type"),
                row.get("event_identifier"), row.get("meta_data"), row.get("payload"), row.get("payload_revision"),
                row.get("payload_type"), row.get("time_stamp"));
        assertThat(verify("auditor").get("verified")).isEqualTo(true);
    }

    /** Issue #11.8: the last events deleted together with their links leave a chain that ends short of its head. */
    @Test
    void deletingTheLastEventsWithTheirLinksIsCaught() {
        KitchenApi k = KitchenApi.create("tail").ingredient("un", 0).deliver("un", 10).deliver("un", 20);
        assertThat(verify("auditor").get("verified")).isEqualTo(true);
        List<Map<String, Object>> links = eventsDb().queryForList("SELECT * FROM ledger_chain WHERE tenant = 'demo' "
                + "ORDER BY tenant_seq DESC LIMIT 2");
        List<Map<String, Object>> events = new ArrayList<>();
        for (Map<String, Object> link : links) {
            events.add(eventsDb().queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", link.get("global_index")));
        }
        assertThat(events).extracting(e -> e.get("aggregate_identifier")).containsOnly("demo:" + k.kitchen);
        long remainingLast = eventsDb().queryForObject("SELECT global_index FROM ledger_chain WHERE tenant = 'demo' AND tenant_seq = ?",
                Long.class, ((Number) links.getLast().get("tenant_seq")).longValue() - 1);
        for (Map<String, Object> link : links) {
            eventsDb().update("DELETE FROM ledger_chain WHERE global_index = ?", link.get("global_index"));
            eventsDb().update("DELETE FROM domain_event_entry WHERE global_index = ?", link.get("global_index"));
        }
        try {
            Map<?, ?> v = verify("auditor");
            assertThat(v.get("verified")).isEqualTo(false);
            assertThat(((Number) v.get("firstBrokenPosition")).longValue()).isEqualTo(remainingLast + 1);
            assertThat((String) v.get("reason")).contains("head");
        } finally {
            for (int i = events.size() - 1; i >= 0; i--) {
                Map<String, Object> row = events.get(i);
                eventsDb().update("INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier, "
                                + "meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        row.get("global_index"), row.get("aggregate_identifier"), row.get("sequence_number"), row.get("type"),
                        row.get("event_identifier"), row.get("meta_data"), row.get("payload"), row.get("payload_revision"),
                        row.get("payload_type"), row.get("time_stamp"));
                Map<String, Object> link = links.get(i);
                eventsDb().update("INSERT INTO ledger_chain (tenant, tenant_seq, global_index, event_identifier, hash, previous_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", link.get("tenant"), link.get("tenant_seq"), link.get("global_index"),
                        link.get("event_identifier"), link.get("hash"), link.get("previous_hash"));
            }
        }
        assertThat(verify("auditor").get("verified")).isEqualTo(true);
    }

    private static void assertBrokenAt(long position) {
        Map<?, ?> v = verify("auditor");
        assertThat(v.get("verified")).isEqualTo(false);
        assertThat(((Number) v.get("firstBrokenPosition")).longValue()).isEqualTo(position);
        assertThat((String) v.get("reason")).isNotBlank();
    }

    @Test
    void concurrentWritersOnTwoInstancesKeepTheChainWhole() throws Exception {
        KitchenApi a = KitchenApi.create("chain-a").ingredient("un", 0);
        KitchenApi b = KitchenApi.create("chain-b").ingredient("un", 0);
        long before = ((Number) verify("auditor").get("eventsChecked")).longValue();
        int port = HisobSystem.freePort();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ConfigurableApplicationContext second = extraCommandService(port, Map.of())) {
            assertThat(second.isActive()).isTrue();
            WebTestClient other = client("http://localhost:" + port);
            String token = login(other, "manager");
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean viaSecond = i % 2 == 0;
                KitchenApi k = i % 4 < 2 ? a : b;
                calls.add(() -> (viaSecond
                        ? other.post().uri(k.path("/deliveries")).header("Authorization", "Bearer " + token)
                        : commands().post().uri(k.path("/deliveries")).header("Authorization", bearer("manager")))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("ingredientId", "un", "grams", 10))
                        .exchange().expectBody(String.class).returnResult().getStatus().value());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            long created = statuses.stream().filter(s -> s == 201).count();
            // two nodes appending to one kitchen collide; the dispatcher decides again on the fresh state
            assertThat(statuses).allMatch(s -> s == 201);
            assertThat(created).isEqualTo(40);
            Map<?, ?> v = verify("auditor");
            assertThat(v.get("verified")).as(v.toString()).isEqualTo(true);
            assertThat(((Number) v.get("eventsChecked")).longValue()).isGreaterThanOrEqualTo(before + created);
        } finally {
            pool.shutdownNow();
        }
        a.expect(a.call("manager", HttpMethod.POST, a.path("/deliveries"), Map.of("ingredientId", "un", "grams", 1)), 201);
    }
}
