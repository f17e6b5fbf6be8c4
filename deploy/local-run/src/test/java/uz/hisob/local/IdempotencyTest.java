package uz.hisob.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
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

/** {@code Idempotency-Key}: the same key and body answer the first response again, with no second effect. */
class IdempotencyTest extends SystemTestSupport {

    static String kitchen;
    static long ready;

    @BeforeAll
    static void kitchenWithFlour() {
        kitchen = uniqueId("idem");
        CommonHttpContractTest.post("/api/kitchens", Map.of("id", kitchen, "name", "Idempotent")).expectStatus().isCreated();
        Map<?, ?> flour = CommonHttpContractTest.post("/api/kitchens/" + kitchen + "/ingredients", Map.of("id", "un", "name", "Un", "minStockGrams", 0))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        ready = ((Number) flour.get("position")).longValue();
    }

    static WebTestClient.ResponseSpec deliver(WebTestClient client, String key, long grams) {
        return client.post().uri("/api/kitchens/{k}/deliveries", kitchen).header("Authorization", bearer("manager"))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ingredientId", "un", "grams", grams)).exchange();
    }

    static long stock(long minPosition) {
        Map<?, ?> stock = queries().get().uri("/api/kitchens/{k}/stock?minPosition={p}", kitchen, minPosition)
                .header("Authorization", bearer("manager")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) ((Map<?, ?>) ((List<?>) stock.get("items")).getFirst()).get("grams")).longValue();
    }

    @Test
    void sameKeySameBodyReplaysTheFirstAnswerWithoutASecondEffect() {
        long before = stock(ready);
        String key = "delivery " + uniqueId("k");
        EntityExchangeResult<String> first = deliver(commands(), key, 700).expectStatus().isCreated()
                .expectBody(String.class).returnResult();
        EntityExchangeResult<String> again = deliver(commands(), key, 700).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult();
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        long position = ((Number) json(first.getResponseBody()).get("position")).longValue();
        assertThat(stock(position)).isEqualTo(before + 700);

        CommonHttpContractTest.expectProblem(deliver(commands(), key, 701), HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED");
        CommonHttpContractTest.expectProblem(deliver(commands(), "x".repeat(129), 1), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
    }

    @Test
    void concurrentRequestsWithOneKeyHaveOneEffect() throws Exception {
        long before = stock(ready);
        String key = uniqueId("concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> deliver(commands(), key, 50).expectStatus().isCreated().expectBody(String.class)
                        .returnResult().getResponseBody());
            }
            List<String> bodies = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                bodies.add(f.get());
            }
            assertThat(bodies).allMatch(b -> b.equals(bodies.getFirst()));
            long position = ((Number) json(bodies.getFirst()).get("position")).longValue();
            assertThat(stock(position)).isEqualTo(before + 50);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A refusable command: the last portions of stock. Eight requests with one key at the same moment: the first serves
     * the last portion, and the other seven answer its 201 again instead of deciding anew on the stock it left (409).
     */
    @Test
    void concurrentRequestsWithOneKeyAreNeverRefusedForWhatTheFirstDid() throws Exception {
        KitchenApi k = KitchenApi.create("idemlast").ingredient("un", 0).deliver("un", 300).meal("non", "un", 100);
        for (int round = 0; round < 3; round++) {
            String key = uniqueId("last-portion");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<EntityExchangeResult<String>>> calls = new ArrayList<>();
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> {
                        start.await();
                        return commands().post().uri(k.path("/servings")).header("Authorization", bearer("cook"))
                                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("mealId", "non", "portions", 1)).exchange()
                                .expectBody(String.class).returnResult();
                    });
                }
                List<Future<EntityExchangeResult<String>>> futures = new ArrayList<>();
                for (Callable<EntityExchangeResult<String>> call : calls) {
                    futures.add(pool.submit(call));
                }
                start.countDown();
                List<EntityExchangeResult<String>> answers = new ArrayList<>();
                for (Future<EntityExchangeResult<String>> f : futures) {
                    answers.add(f.get());
                }
                assertThat(answers).extracting(a -> a.getStatus().value()).containsOnly(201);
                assertThat(answers).extracting(EntityExchangeResult::getResponseBody).containsOnly(answers.getFirst().getResponseBody());
                assertThat(answers).filteredOn(a -> a.getResponseHeaders().getFirst("Idempotent-Replayed") == null).hasSize(1);
                k.position = Math.max(k.position, ((Number) json(answers.getFirst().getResponseBody()).get("position")).longValue());
            } finally {
                pool.shutdownNow();
            }
        }
        // three keys, three portions served: the stock is gone, and a fourth key is refused for the stock it finds
        assertThat(k.stock("un")).isZero();
        k.expect(k.call("cook", org.springframework.http.HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 1)), 409);
    }

    @Test
    void theRecordSurvivesARestartOfTheCommandService() {
        String key = uniqueId("restart");
        String first = deliver(commands(), key, 5).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        // a fresh command-service process on the same database stands for the restarted one
        int port = HisobSystem.freePort();
        try (ConfigurableApplicationContext restarted = extraCommandService(port, Map.of())) {
            assertThat(restarted.isActive()).isTrue();
            WebTestClient client = client("http://localhost:" + port);
            // tokens of the first instance are signed by another key: log in on this one
            Map<?, ?> login = Map.of("access_token", login(client, "manager"));
            String replay = client.post().uri("/api/kitchens/{k}/deliveries", kitchen)
                    .header("Authorization", "Bearer " + login.get("access_token"))
                    .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("ingredientId", "un", "grams", 5)).exchange().expectStatus().isCreated()
                    .expectHeader().valueEquals("Idempotent-Replayed", "true")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(replay).isEqualTo(first);
        }
    }

    static Map<?, ?> json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
    }
}
