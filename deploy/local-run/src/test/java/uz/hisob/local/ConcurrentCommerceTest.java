package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The catalogue's and the image store's invariants under concurrent requests: one SKU per product, exactly one
 * default price list, a category never removed while a product goes into it, one first copy of the same bytes, and
 * a transfer id taken once in the tenant.
 */
class ConcurrentCommerceTest extends SystemTestSupport {

    static final int CLIENTS = 12;

    /** An answer: its status and body. */
    record Answer(int status, Map<?, ?> body) {
        static Answer of(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
            var result = response.expectBody(Map.class).returnResult();
            return new Answer(result.getStatus().value(), result.getResponseBody());
        }

        long position() {
            return ((Number) body.get("position")).longValue();
        }
    }

    /** {@code CLIENTS} requests at once; their answers, in request order. */
    static List<Answer> atOnce(IntFunction<Answer> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                Callable<Answer> call = () -> {
                    start.await();
                    return request.apply(n);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Answer> results = new ArrayList<>();
            for (Future<Answer> f : answers) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Answer send(String method, String user, String path, Object body) {
        return Answer.of(commands().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", bearer(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange());
    }

    static long count(List<Answer> results, int status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    @Test
    void oneProductGetsTheSku() throws Exception {
        String sku = uniqueId("BIR");
        String token = bearer("manager");
        List<Answer> results = atOnce(i -> Answer.of(commands().post().uri("/api/catalog/products").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", uniqueId("p" + i), "sku", sku, "name", "Bir xil", "unit", "pcs"))
                .exchange()));
        assertThat(count(results, 201)).isEqualTo(1);
        assertThat(count(results, 409)).isEqualTo(CLIENTS - 1);
        assertThat(results.stream().filter(r -> r.status() == 409).map(r -> (Object) r.body().get("code")).distinct().toList())
                .containsExactly("ALREADY_EXISTS");
    }

    @Test
    void exactlyOnePriceListIsTheDefault() throws Exception {
        List<String> lists = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String id = uniqueId("list" + i);
            post("manager", "/api/catalog/price-lists", Map.of("id", id, "name", "Ro'yxat " + i, "currency", "UZS", "taxIncluded", true), 201);
            lists.add(id);
        }
        List<Answer> results = atOnce(i -> send("PUT", "manager", "/api/catalog/price-lists/" + lists.get(i), Map.of("default", true)));
        assertThat(count(results, 200)).isEqualTo(CLIENTS);
        long last = results.stream().mapToLong(Answer::position).max().orElseThrow();
        List<?> all = (List<?>) read("manager", "/api/catalog/price-lists?size=200&minPosition=" + last, 200).get("items");
        assertThat(all.stream().filter(l -> Boolean.TRUE.equals(((Map<?, ?>) l).get("default"))).count()).as("default lists").isEqualTo(1);
    }

    @Test
    void aCategoryIsNeverRemovedWhileAProductGoesIntoIt() throws Exception {
        String category = uniqueId("poyga");
        post("manager", "/api/catalog/categories", Map.of("id", category, "name", "Poyga"), 201);
        // one client removes the category while the others put products into it
        List<Answer> results = atOnce(i -> i == 0
                ? Answer.of(commands().delete().uri("/api/catalog/categories/" + category).header("Authorization", bearer("manager")).exchange())
                : send("POST", "manager", "/api/catalog/products", Map.of("id", uniqueId("p" + i), "sku", uniqueId("PG"), "name", "Poyga " + i,
                "unit", "pcs", "categoryId", category)));
        int deleted = results.getFirst().status();
        long created = count(results.subList(1, CLIENTS), 201);
        if (deleted == 200) {
            assertThat(created).as("products created in a removed category").isZero();
            assertThat(count(results.subList(1, CLIENTS), 400)).isEqualTo(CLIENTS - 1);
        } else {
            assertThat(deleted).isEqualTo(409);
            assertThat(results.getFirst().body().get("code")).isEqualTo("CATEGORY_NOT_EMPTY");
            assertThat(created).as("the products that made it not empty").isPositive();
        }
        long last = results.stream().filter(r -> r.body() != null && r.body().get("position") != null)
                .mapToLong(Answer::position).max().orElse(0);
        List<?> tree = (List<?>) read("manager", "/api/catalog/categories?minPosition=" + last, 200).get("items");
        boolean present = tree.stream().anyMatch(c -> category.equals(((Map<?, ?>) c).get("id")));
        assertThat(present).as("the category is there exactly when it was not removed").isEqualTo(deleted != 200);
    }

    @Test
    void theSameBytesHaveOneFirstCopy() throws Exception {
        byte[] photo = ImagesTest.picture("png", 40, 40, (int) (System.nanoTime() % 997));
        List<Map<?, ?>> uploaded = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Map<?, ?>>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return ImagesTest.uploaded("manager", photo, "image/png", 201);
                }));
            }
            start.countDown();
            for (Future<Map<?, ?>> f : answers) {
                uploaded.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<?, ?>> firsts = uploaded.stream().filter(u -> u.get("duplicateOf") == null).toList();
        assertThat(firsts).as("uploads that are no one's duplicate").hasSize(1);
        Object first = firsts.getFirst().get("id");
        assertThat(uploaded.stream().filter(u -> u.get("duplicateOf") != null).map(u -> (Object) u.get("duplicateOf")).distinct().toList())
                .containsExactly(first);
    }

    @Test
    void aTransferIdIsTakenOnceInTheTenant() throws Exception {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String location = InventoryTransfersTest.location("WAREHOUSE");
            post("keeper", "/api/inventory/receipts", Map.of("locationId", location, "lines", List.of(line("un", 10))), 201);
            sources.add(location);
        }
        String destination = InventoryTransfersTest.location("SHOP");
        String id = uniqueId("bir-tr");
        List<Answer> results = atOnce(i -> send("POST", "keeper", "/api/inventory/transfers", Map.of("id", id,
                "fromLocationId", sources.get(i), "toLocationId", destination, "lines", List.of(line("un", 1)))));
        assertThat(count(results, 201)).isEqualTo(1);
        assertThat(count(results, 409)).isEqualTo(CLIENTS - 1);
        // the refused sources kept their stock
        long last = results.stream().filter(r -> r.status() == 201)
                .mapToLong(Answer::position).max().orElseThrow();
        long onHand = 0;
        for (String source : sources) {
            onHand += ((Number) InventoryTransfersTest.stockOf("auditor", source, "un", last).get("onHand")).longValue();
        }
        assertThat(onHand).isEqualTo(CLIENTS * 10L - 1);
    }
}
