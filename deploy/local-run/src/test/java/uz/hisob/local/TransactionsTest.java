package uz.hisob.local;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import uz.hisob.query.platform.ReadModelProgress;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Axon on Spring Boot 4 silently runs without transactions unless wired (stack.md, trap 1). These tests prove the
 * wiring: events and idempotency records commit together; a projection's rows and its token commit together.
 */
class TransactionsTest extends SystemTestSupport {

    @Test
    void axonUsesARealTransactionManagerOnBothSides() {
        for (ConfigurableApplicationContext ctx : new ConfigurableApplicationContext[] {system().commandContext(), system().queryContext()}) {
            TransactionManager tm = ctx.getBean(org.axonframework.config.Configuration.class).getComponent(TransactionManager.class);
            assertThat(tm).isInstanceOf(SpringTransactionManager.class);
        }
    }



    @Test
    void aFailedIdempotencyRecordTakesTheCommandsEventsWithIt() {
        String kitchen = uniqueId("tx");
        CommonHttpContractTest.post("/api/kitchens", Map.of("id", kitchen, "name", "Tx")).expectStatus().isCreated();
        eventsDb().execute("""
                CREATE OR REPLACE FUNCTION refuse_key() RETURNS trigger AS $$
                BEGIN IF NEW.key = 'refuse-me' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$
                LANGUAGE plpgsql;
                CREATE TRIGGER refuse_key BEFORE INSERT ON idempotency_records FOR EACH ROW EXECUTE FUNCTION refuse_key();
                """);
        try {
            commands().post().uri("/api/kitchens/{k}/ingredients", kitchen).header("Authorization", bearer("admin"))
                    .header("Idempotency-Key", "refuse-me").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("id", "guruch", "name", "Guruch", "minStockGrams", 1))
                    .exchange().expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            Integer events = eventsDb().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Integer.class, "demo:" + kitchen);
            assertThat(events).as("only KitchenCreated: the IngredientDefined rolled back with the record").isEqualTo(1);
        } finally {
            eventsDb().execute("DROP TRIGGER refuse_key ON idempotency_records; DROP FUNCTION refuse_key()");
        }
        // and the command, retried, is accepted: nothing half-done stands in its way
        CommonHttpContractTest.post("/api/kitchens/" + kitchen + "/ingredients", Map.of("id", "guruch", "name", "Guruch", "minStockGrams", 1))
                .expectStatus().isCreated();
    }

    @Test
    void aRefusedCommandLeavesNoIdempotencyRecord() {
        String kitchen = uniqueId("tx");
        CommonHttpContractTest.post("/api/kitchens", Map.of("id", kitchen, "name", "Tx")).expectStatus().isCreated();
        String key = uniqueId("dup");
        CommonHttpContractTest.expectProblem(commands().post().uri("/api/kitchens").header("Authorization", bearer("admin"))
                .header("Idempotency-Key", key).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", kitchen, "name", "Again")).exchange(), HttpStatus.CONFLICT, "ALREADY_EXISTS");
        Integer records = eventsDb().queryForObject("SELECT count(*) FROM idempotency_records WHERE key = ?", Integer.class, key);
        assertThat(records).isZero();
    }

    @Test
    void aProjectionsRowsAndTokenCommitOrRollBackTogether() {
        String kitchen = uniqueId("tx");
        long created = position(CommonHttpContractTest.post("/api/kitchens", Map.of("id", kitchen, "name", "Tx")));
        ReadModelProgress progress = system().queryContext().getBean(ReadModelProgress.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> progress.hasApplied("kitchen", created));
        var processor = progress.processors().get("kitchen");
        // the projection's own insert succeeds; storing the token after it fails
        queryDb().execute("""
                CREATE OR REPLACE FUNCTION refuse_token() RETURNS trigger AS $$
                BEGIN IF NEW.processor_name = 'kitchen' AND NEW.token IS DISTINCT FROM OLD.token THEN
                  RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_token BEFORE UPDATE ON token_entry FOR EACH ROW EXECUTE FUNCTION refuse_token();
                """);
        long defined;
        try {
            defined = position(CommonHttpContractTest.post("/api/kitchens/" + kitchen + "/ingredients",
                    Map.of("id", "first", "name", "Fine", "minStockGrams", 1)));
            // wait until the processor has tried the batch and failed on storing its token
            await().atMost(Duration.ofSeconds(15)).until(() -> processor.processingStatus().isEmpty()
                    || processor.processingStatus().values().stream().anyMatch(s -> s.isErrorState()));
            assertThat(rows(kitchen)).as("the row rolled back with the token").isZero();
            assertThat(storedTokenIndex()).as("the token did not move").isLessThan(defined);
        } finally {
            queryDb().execute("DROP TRIGGER refuse_token ON token_entry; DROP FUNCTION refuse_token()");
        }
        long target = defined;
        await().atMost(Duration.ofSeconds(90)).until(() -> progress.hasApplied("kitchen", target));
        assertThat(rows(kitchen)).isEqualTo(1);
        assertThat(storedTokenIndex()).isGreaterThanOrEqualTo(defined);
    }

    private static int rows(String kitchen) {
        return queryDb().queryForObject("SELECT count(*) FROM kitchen_ingredient WHERE tenant = 'demo' AND kitchen_id = ?",
                Integer.class, kitchen);
    }

    /** The global index in the kitchen processor's stored token (Jackson JSON of a GapAwareTrackingToken). */
    private static long storedTokenIndex() {
        String json = queryDb().queryForObject("SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = 'kitchen'",
                String.class);
        Map<?, ?> token = IdempotencyTest.json(json);
        Object index = token.get("index");
        if (index == null && token.get("currentToken") instanceof Map<?, ?> current) {
            index = current.get("index");
        }
        return ((Number) index).longValue();
    }

    private static long position(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        Map<?, ?> body = response.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) body.get("position")).longValue();
    }

}
