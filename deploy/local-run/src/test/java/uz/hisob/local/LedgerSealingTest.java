package uz.hisob.local;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.hisob.platform.axon.LedgerHash;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain sealed after the commands' commits (issue #12.1, audit.md): no lock of the ledger is on the command path,
 * events are sealed within a second and in global order, a slow transaction with a lower index is waited for (never
 * skipped), a rolled-back one is passed over, and a signed checkpoint catches a chain rewritten consistently.
 */
class LedgerSealingTest extends SystemTestSupport {

    /** The sealer's advisory lock (LedgerSealer.LOCK): held by a test that rewrites the chain, so no round runs meanwhile. */
    private static final long SEALER_LOCK = 0x4869736f624c6564L;

    static Map<?, ?> verify(String query) {
        return queries().get().uri("/api/ledger/verify" + query).header("Authorization", bearer("auditor")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The verification once everything up to {@code position} is sealed; fails after 2 s. */
    static Map<?, ?> verifySealed(long position, String query) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            Map<?, ?> v = verify(query);
            if (((Number) v.get("sealedUpTo")).longValue() >= position) {
                return v;
            }
            assertThat(System.nanoTime()).as("sealed up to %d within 2 s: %s", position, v).isLessThan(deadline);
            sleep(20);
        }
    }

    static Map<?, ?> entry(String aggregateId, long position) {
        Map<?, ?> page = queries().get().uri("/api/ledger?aggregateId={a}&size=200", aggregateId).header("Authorization", bearer("auditor"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(o -> (Map<?, ?>) o)
                .filter(e -> ((Number) e.get("position")).longValue() == position).findFirst().orElseThrow();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Inserts a copy of the kitchen's creation for another kitchen on {@code c} (its transaction); answers the index. */
    static long insertCopy(Connection c, KitchenApi template, String otherKitchen) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
                + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) SELECT ?, 0, type, ?, meta_data, "
                + "convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8'), payload_revision, payload_type, time_stamp "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0 RETURNING global_index")) {
            ps.setString(1, "demo:" + otherKitchen);
            ps.setString(2, UUID.randomUUID().toString());
            ps.setString(3, template.kitchen);
            ps.setString(4, otherKitchen);
            ps.setString(5, "demo:" + template.kitchen);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aSlowTransactionIsWaitedForAndARolledBackOneIsPassedOver() throws Exception {
        KitchenApi k = KitchenApi.create("seal").ingredient("un", 0);
        DataSource events = system().commandContext().getBean(DataSource.class);
        String slowKitchen = uniqueId("seal-slow");
        try (Connection slow = events.getConnection()) {
            slow.setAutoCommit(false);
            long slowIndex = insertCopy(slow, k, slowKitchen);
            k.deliver("un", 50);
            long delivery = k.position;
            assertThat(delivery).isGreaterThan(slowIndex);
            // well past the second a sealed event takes: the delivery waits behind the open transaction's lower index
            sleep(1200);
            Map<?, ?> waiting = entry(k.kitchen, delivery);
            assertThat(waiting.get("sealed")).isEqualTo(false);
            assertThat(waiting.get("hash")).isNull();
            assertThat(((Number) verify("").get("sealedUpTo")).longValue()).isLessThan(slowIndex);

            slow.commit();
            long committed = System.nanoTime();
            Map<?, ?> v = verifySealed(delivery, "");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committed);
            System.out.printf("sealed %d ms after the slow transaction committed%n", tookMs);
            assertThat(tookMs).isLessThan(1000);
            assertThat(v.get("verified")).as("%s", v).isEqualTo(true);
            Map<?, ?> slowEntry = entry(slowKitchen, slowIndex);
            Map<?, ?> sealed = entry(k.kitchen, delivery);
            assertThat(sealed.get("sealed")).isEqualTo(true);
            // in global order: the slow event is chained before the delivery, which follows on from it
            assertThat(sealed.get("previousHash")).isEqualTo(slowEntry.get("hash"));
        }

        // a transaction that draws an index and rolls back leaves a gap the sealer passes over once it has ended
        try (Connection aborted = events.getConnection()) {
            aborted.setAutoCommit(false);
            long gap = insertCopy(aborted, k, uniqueId("seal-gone"));
            k.deliver("un", 5);
            assertThat(k.position).isGreaterThan(gap);
            sleep(300);
            assertThat(((Number) verify("").get("sealedUpTo")).longValue()).isLessThan(gap);
            aborted.rollback();
            long rolledBack = System.nanoTime();
            Map<?, ?> v = verifySealed(k.position, "");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rolledBack);
            System.out.printf("sealed %d ms after the gap's transaction rolled back%n", tookMs);
            assertThat(tookMs).isLessThan(1000);
            assertThat(v.get("verified")).as("%s", v).isEqualTo(true);
        }
    }

    @Test
    void commandsNeedNoLedgerTableAndAreSealedWithinASecond() throws Exception {
        KitchenApi k = KitchenApi.create("nolock").ingredient("un", 0);
        DataSource events = system().commandContext().getBean(DataSource.class);
        long sealedAfter;
        try (Connection c = events.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("LOCK TABLE ledger_head, ledger_chain, ledger_seal IN ACCESS EXCLUSIVE MODE");
            }
            // every ledger table locked: commands of two kitchens still commit at once
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> k.deliver("un", 1));
            KitchenApi other = KitchenApi.create("nolock-b").ingredient("un", 0);
            other.deliver("un", 2);
            a.get(5, TimeUnit.SECONDS);
            c.rollback();
            sealedAfter = System.nanoTime();
            assertThat(other.position).isPositive();
            Map<?, ?> v = verifySealed(Math.max(k.position, other.position), "");
            assertThat(v.get("verified")).isEqualTo(true);
            System.out.printf("sealed %d ms after the ledger tables were released%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sealedAfter));
        }
        // the answer's position is the appended event's own global index
        Map<?, ?> delivery = k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 3)), 201);
        long position = ((Number) delivery.get("position")).longValue();
        assertThat(eventsDb().queryForObject("SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?", String.class, position))
                .isEqualTo("demo:" + k.kitchen);
        long start = System.nanoTime();
        verifySealed(position, "");
        System.out.printf("a delivery sealed within %d ms of its answer%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    void aCheckpointCatchesAChainRewrittenConsistently() throws Exception {
        KitchenApi k = KitchenApi.create("checkpoint").ingredient("un", 0).deliver("un", 100);
        Map<?, ?> checkpoint = awaitCheckpoint(k.position);
        assertThat(checkpoint.get("headHash").toString()).matches("sha256:[0-9a-f]{64}");
        assertThat(((Number) checkpoint.get("eventsSealed")).longValue()).isPositive();
        String jws = (String) checkpoint.get("jws");
        JWSObject parsed = JWSObject.parse(jws);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        Map<String, Object> signed = parsed.getPayload().toJSONObject();
        assertThat(((Number) signed.get("position")).longValue()).isEqualTo(((Number) checkpoint.get("position")).longValue());
        assertThat(((Number) signed.get("eventsSealed")).longValue()).isEqualTo(((Number) checkpoint.get("eventsSealed")).longValue());
        assertThat(signed).containsEntry("headHash", checkpoint.get("headHash")).containsEntry("issuedAt", checkpoint.get("issuedAt"))
                .containsEntry("tenant", "demo");
        Map<?, ?> passes = verify("?checkpoint=" + jws);
        assertThat(passes.get("verified")).as("%s", passes).isEqualTo(true);

        long delivery = k.position;
        byte[] original = eventsDb().queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, delivery);
        byte[] forged = new String(original, java.nio.charset.StandardCharsets.UTF_8).replace("100", "10")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            rewriteFrom(delivery, forged);
            // rewritten consistently: every hash follows from the one before, so the chain alone verifies ...
            Map<?, ?> alone = verify("");
            assertThat(alone.get("verified")).as("%s", alone).isEqualTo(true);
            // ... but no longer passes through the checkpoint the auditor kept
            Map<?, ?> caught = verify("?checkpoint=" + jws);
            assertThat(caught.get("verified")).isEqualTo(false);
            assertThat((String) caught.get("reason")).contains("checkpoint");
            assertThat(((Number) caught.get("firstBrokenPosition")).longValue()).isEqualTo(((Number) checkpoint.get("position")).longValue());
        } finally {
            rewriteFrom(delivery, original);
        }
        assertThat(verify("?checkpoint=" + jws).get("verified")).isEqualTo(true);
    }

    @Test
    void checkpointsAreRefusedUnlessSignedByTheServiceForTheCallersTenant() throws Exception {
        KitchenApi k = KitchenApi.create("cp-refusals").ingredient("un", 0);
        String jws = (String) awaitCheckpoint(k.position).get("jws");
        refused("not-a-jws");
        refused(jws.substring(0, jws.lastIndexOf('.') + 1) + "AAAA");
        // well-formed, but signed by a key the service never had
        var stranger = new RSAKeyGenerator(2048).keyID(JWSObject.parse(jws).getHeader().getKeyID()).generate();
        JWSObject forged = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID())
                .type(new JOSEObjectType("hisob-checkpoint+jws")).build(), new Payload(JWSObject.parse(jws).getPayload().toString()));
        forged.sign(new RSASSASigner(stranger));
        refused(forged.serialize());
        // the demo tenant's checkpoint is no checkpoint of the other tenant's chain
        queries().get().uri("/api/ledger/verify?checkpoint={c}", jws).header("Authorization", bearer("other-admin")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("checkpoint");
        // and no access token: the query-service does not take it as one
        queries().get().uri("/api/ledger").header("Authorization", "Bearer " + jws).exchange().expectStatus().isUnauthorized();
        // roles: the checkpoints are the ledger's (ADMIN, AUDITOR)
        queries().get().uri("/api/ledger/checkpoints").header("Authorization", bearer("cook")).exchange().expectStatus().isForbidden();
        queries().get().uri("/api/ledger/checkpoints").exchange().expectStatus().isUnauthorized();
        Map<?, ?> others = queries().get().uri("/api/ledger/checkpoints").header("Authorization", bearer("other-admin")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) others.get("items")).noneMatch(o -> jws.equals(((Map<?, ?>) o).get("jws")));
    }

    private static void refused(String checkpoint) {
        queries().get().uri("/api/ledger/verify?checkpoint={c}", checkpoint).header("Authorization", bearer("auditor")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("checkpoint");
    }

    /** The newest checkpoint of the demo tenant once one covers {@code position} (the tests issue them every second). */
    private static Map<?, ?> awaitCheckpoint(long position) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Map<?, ?> page = queries().get().uri("/api/ledger/checkpoints?size=1").header("Authorization", bearer("auditor")).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            List<?> items = (List<?>) page.get("items");
            if (!items.isEmpty() && ((Number) ((Map<?, ?>) items.getFirst()).get("position")).longValue() >= position) {
                return (Map<?, ?>) items.getFirst();
            }
            assertThat(System.nanoTime()).as("a checkpoint at or after %d within 5 s", position).isLessThan(deadline);
            sleep(50);
        }
    }

    /**
     * Sets the payload of the event at {@code position} and rewrites the demo tenant's chain from there on, link by
     * link and its head, as someone with write access to the database could: a consistent chain. The sealer's lock is
     * held meanwhile, so no round seals on the head being rewritten.
     */
    private static void rewriteFrom(long position, byte[] payload) {
        new TransactionTemplate(new DataSourceTransactionManager(system().commandContext().getBean(DataSource.class))).executeWithoutResult(s -> {
            eventsDb().queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, SEALER_LOCK);
            eventsDb().update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", payload, position);
            List<Map<String, Object>> links = eventsDb().queryForList("SELECT c.tenant_seq, c.previous_hash, e.* FROM ledger_chain c "
                    + "JOIN domain_event_entry e ON e.global_index = c.global_index WHERE c.tenant = 'demo' AND c.tenant_seq >= "
                    + "(SELECT tenant_seq FROM ledger_chain WHERE global_index = ?) ORDER BY c.tenant_seq", position);
            String previous = (String) links.getFirst().get("previous_hash");
            for (Map<String, Object> link : links) {
                String hash = LedgerHash.next(previous, new LedgerHash.StoredEvent((String) link.get("event_identifier"),
                        (String) link.get("payload_type"), (String) link.get("payload_revision"), (String) link.get("aggregate_identifier"),
                        (Long) link.get("sequence_number"), (String) link.get("time_stamp"), (byte[]) link.get("meta_data"),
                        (byte[]) link.get("payload")));
                eventsDb().update("UPDATE ledger_chain SET previous_hash = ?, hash = ? WHERE tenant = 'demo' AND tenant_seq = ?",
                        previous, hash, link.get("tenant_seq"));
                previous = hash;
            }
            eventsDb().update("UPDATE ledger_head SET hash = ? WHERE tenant = 'demo'", previous);
        });
    }
}
