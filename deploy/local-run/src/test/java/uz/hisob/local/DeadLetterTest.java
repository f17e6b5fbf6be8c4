package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No event stops a projection for everyone (issue #11.1, audit.md "dead letters"): an event a handler cannot apply is
 * parked with its aggregate's later events, every other aggregate's events go on, and the operator lists, retries and
 * evicts the letters.
 */
class DeadLetterTest extends SystemTestSupport {



    /**
     * Appends an event straight into the event store, past every validation of the command side: a copy of
     * {@code template}'s row with another aggregate and sequence and a payload of our choosing. Answers its position.
     */
    static long append(long template, String aggregate, long sequence, String payloadJson) {
        return eventsDb().queryForObject("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                        + "meta_data, payload, payload_revision, payload_type, time_stamp) SELECT ?, ?, type, ?, meta_data, convert_to(?, 'UTF8'), "
                        + "payload_revision, payload_type, time_stamp FROM domain_event_entry WHERE global_index = ? RETURNING global_index",
                Long.class, aggregate, sequence, UUID.randomUUID().toString(), payloadJson, template);
    }

    static List<Map<String, Object>> letters() {
        Map<?, ?> page = queries().get().uri("/api/admin/dead-letters?size=200").header("Authorization", bearer("operator"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items;
    }

    static List<Map<String, Object>> lettersOf(String aggregateId) {
        return letters().stream().filter(l -> aggregateId.equals(l.get("aggregateId"))).toList();
    }

    static double metric(String projection) {
        String body = queries().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return body.lines().filter(l -> l.startsWith("hisob_dead_letters{projection=\"" + projection + "\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void aPoisonEventIsParkedWithItsAggregatesLaterEventsAndEveryoneElseFlows() throws Exception {
        KitchenApi template = KitchenApi.create("tpl").ingredient("un", 0);
        long created = eventsDb().queryForObject("SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, "demo:" + template.kitchen);
        long defined = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, "demo:" + template.kitchen);

        // a kitchen whose name PostgreSQL cannot store (the "Nul\u0000kitchen"), then a later event of it
        String poisoned = uniqueId("poison");
        long poison = append(created, "demo:" + poisoned, 0, "{\"tenant\":\"demo\",\"kitchenId\":\"" + poisoned
                + "\",\"name\":\"Nul\\u0000kitchen\",\"timezone\":\"Asia/Tashkent\",\"warningThresholdPct\":10,\"misuseThresholdPct\":15}");
        long later = append(defined, "demo:" + poisoned, 1, "{\"kitchenId\":\"" + poisoned + "\",\"ingredientId\":\"un\",\"name\":\"Un\","
                + "\"minStockGrams\":0}");

        // another tenant's read-your-write answers at once, though its event comes after the poison
        Instant before = Instant.now();
        Map<?, ?> other = CommonHttpContractTest.postAs("other-admin", "/api/kitchens", Map.of("name", "Flows on"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) other.get("position")).longValue()).isGreaterThan(later);
        queries().get().uri("/api/kitchens/{k}?minPosition={p}", other.get("id"), other.get("position"))
                .header("Authorization", bearer("other-admin")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Flows on");
        Duration flowed = Duration.between(before, Instant.now());
        System.out.println("DeadLetterTest: another tenant's write and minPosition read behind a poison event took " + flowed.toMillis() + " ms");
        assertThat(flowed).isLessThan(Duration.ofSeconds(4));

        // both events of the poisoned kitchen are parked by the kitchen projection, in their order, with the cause
        List<Map<String, Object>> parked = lettersOf("demo:" + poisoned);
        assertThat(parked).extracting(l -> l.get("projection"), l -> ((Number) l.get("position")).longValue(), l -> l.get("eventType"),
                        l -> l.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kitchen", poison, "KitchenCreated", "PARKED"),
                        org.assertj.core.groups.Tuple.tuple("kitchen", later, "IngredientDefined", "PARKED"));
        assertThat((String) parked.getFirst().get("error")).contains("0x00");
        assertThat(parked.getFirst()).containsKeys("id", "firstFailedAt", "attempts").doesNotContainKey("payload");
        assertThat(metric("kitchen")).isGreaterThanOrEqualTo(2);
        // the search projection stored the name (Elasticsearch takes NUL): nothing parked there
        assertThat(parked).noneMatch(l -> "search".equals(l.get("projection")));
        // the service stays ready
        queries().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        // a retry that fails again keeps the letter, one more attempt counted
        String first = (String) parked.getFirst().get("id");
        Map<?, ?> retried = queries().post().uri("/api/admin/dead-letters/{id}/retry", first).header("Authorization", bearer("operator"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) retried.get("letter")).get("status")).isEqualTo("PARKED");
        assertThat(((Map<?, ?>) retried.get("letter")).get("attempts")).isEqualTo(2);

        // the operator gives the poison up: listed as EVICTED; its later event still waits behind it
        Map<?, ?> evicted = queries().post().uri("/api/admin/dead-letters/{id}/evict", first).header("Authorization", bearer("operator"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) evicted.get("letter")).get("status")).isEqualTo("EVICTED");
        assertThat(lettersOf("demo:" + poisoned)).extracting(l -> l.get("eventType"), l -> l.get("status"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("KitchenCreated", "EVICTED"),
                        org.assertj.core.groups.Tuple.tuple("IngredientDefined", "PARKED"));
        queries().post().uri("/api/admin/dead-letters/{id}/retry", first).header("Authorization", bearer("operator"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("DEAD_LETTER_EVICTED");
        queries().post().uri("/api/admin/dead-letters/{id}/retry", "no-such-letter").header("Authorization", bearer("operator"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLetterRetriedAfterItsCauseIsRemovedIsApplied() {
        KitchenApi k = KitchenApi.create("dlq").ingredient("un", 0);
        KitchenApi neighbour = KitchenApi.create("dlqn").ingredient("un", 0);
        // a cause outside the event, as when the read model's database refuses a row: a trigger on the active generation
        int generation = queryDb().queryForObject("SELECT generation FROM projection_generation WHERE projection = 'kitchen'", Integer.class);
        String table = "kitchen_rm_" + generation + ".kitchen_ingredient";
        queryDb().execute("CREATE OR REPLACE FUNCTION refuse_sabzi() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.name = 'Sabzi " + k.kitchen + "' THEN RAISE EXCEPTION 'sabzi refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        queryDb().execute("CREATE TRIGGER refuse_sabzi BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION refuse_sabzi()");
        try {
            k.expect(k.call("manager", HttpMethod.POST, k.path("/ingredients"), Map.of("id", "sabzi", "name", "Sabzi " + k.kitchen,
                    "minStockGrams", 0)), 201);
            k.deliver("un", 500); // a later event of the same kitchen: parked behind the refused one
            neighbour.deliver("un", 700);
            assertThat(neighbour.stock("un")).isEqualTo(700); // another kitchen of the same tenant flows on

            List<Map<String, Object>> parked = lettersOf("demo:" + k.kitchen);
            assertThat(parked).extracting(l -> l.get("eventType")).containsExactly("IngredientDefined", "DeliveryBooked");
            assertThat((String) parked.getFirst().get("error")).contains("sabzi refused by the test");
        } finally {
            queryDb().execute("DROP TRIGGER IF EXISTS refuse_sabzi ON " + table);
        }
        String id = (String) lettersOf("demo:" + k.kitchen).getFirst().get("id");
        Map<?, ?> retried = queries().post().uri("/api/admin/dead-letters/{id}/retry", id).header("Authorization", bearer("operator"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) retried.get("letter")).get("status")).isEqualTo("APPLIED");
        // the whole sequence went through, in order: the ingredient exists and the later delivery is in the stock
        assertThat(lettersOf("demo:" + k.kitchen)).isEmpty();
        Map<?, ?> stock = queries().get().uri("/api/kitchens/{k}/stock", k.kitchen).header("Authorization", bearer("manager"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) stock.get("items")).extracting(i -> ((Map<?, ?>) i).get("ingredientId"), i -> ((Number) ((Map<?, ?>) i).get("grams")).longValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sabzi", 0L), org.assertj.core.groups.Tuple.tuple("un", 500L));
    }

    @Test
    void onlyTheOperatorSeesAndHandlesDeadLetters() {
        for (String user : List.of("admin", "other-admin", "manager", "cook", "auditor")) {
            queries().get().uri("/api/admin/dead-letters").header("Authorization", bearer(user)).exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
            queries().post().uri("/api/admin/dead-letters/x/retry").header("Authorization", bearer(user)).exchange().expectStatus().isForbidden();
            queries().post().uri("/api/admin/dead-letters/x/evict").header("Authorization", bearer(user)).exchange().expectStatus().isForbidden();
        }
        queries().get().uri("/api/admin/dead-letters").exchange().expectStatus().isUnauthorized();
        queries().post().uri("/api/admin/dead-letters/nope/evict").header("Authorization", bearer("operator")).exchange().expectStatus().isNotFound();
        queries().get().uri("/api/admin/dead-letters?size=201").header("Authorization", bearer("operator")).exchange().expectStatus().isBadRequest();
        // the operator sees no tenant's business data
        queries().get().uri("/api/kitchens/quyosh/stock").header("Authorization", bearer("operator")).exchange().expectStatus().isForbidden();
    }
}
