package uz.hisob.local;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import uz.hisob.query.platform.ReadModelProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The commerce read models (inventory, catalogue, stock value, images) rebuilt from the events, in the background
 * ({@code POST /api/admin/projections/{name}/rebuild}) and by a replay from the first event: every read answers what
 * it answered before, and the location's live feed is not told anything twice.
 */
class CommerceRebuildTest extends SystemTestSupport {

    static final List<String> MODELS = List.of("inventory", "catalog", "analytics", "images");

    @Test
    void rebuiltAndReplayedCommerceReadModelsAnswerAsBefore() throws Exception {
        String warehouse = InventoryTransfersTest.location("WAREHOUSE");
        String shop = InventoryTransfersTest.location("SHOP");
        String category = uniqueId("kat");
        String product = uniqueId("mahsulot");
        post("manager", "/api/catalog/categories", Map.of("id", category, "name", "Qayta qurish"), 201);
        post("manager", "/api/catalog/products", Map.of("id", product, "sku", uniqueId("QQ"), "name", "Qayta qurilgan choy",
                "unit", "g", "categoryId", category, "barcodes", List.of("478" + System.nanoTime()), "taxRatePct", 12), 201);
        String list = uniqueId("narx");
        post("manager", "/api/catalog/price-lists", Map.of("id", list, "name", "Narxlar", "currency", "UZS", "taxIncluded", true), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", product, "price", "15000"))), 200);
        String image = (String) ImagesTest.uploaded("manager", ImagesTest.picture("png", 30, 20, 7), "image/png", 201).get("id");
        post("manager", "/api/catalog/products/" + product + "/images", Map.of("imageId", image), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse,
                "lines", List.of(Map.of("productId", product, "quantity", 9000, "unitCost", "11.50"))), 201);
        put("manager", "/api/inventory/minimums", Map.of("locationId", shop, "items", List.of(Map.of("productId", product, "minQuantity", 5000))), 200);
        String transfer = uniqueId("tr");
        post("keeper", "/api/inventory/transfers", Map.of("id", transfer, "fromLocationId", warehouse, "toLocationId", shop,
                "lines", List.of(line(product, 4000))), 201);
        post("keeper", "/api/inventory/transfers/" + transfer + "/receive", Map.of("lines", List.of(line(product, 3900))), 200);
        long last = ((Number) post("keeper", "/api/inventory/write-offs", Map.of("locationId", shop, "reason", "namlik",
                "lines", List.of(line(product, 100))), 201).get("position")).longValue();

        List<Object> before = answers(warehouse, shop, product, list, image, last);
        Integer feed = queryDb().queryForObject("SELECT count(*) FROM inventory_change WHERE location_id = ?", Integer.class, shop);
        assertThat(feed).as("the shop's live feed").isPositive();

        // in the background, each to a new generation
        for (String name : MODELS) {
            queries().post().uri("/api/admin/projections/" + name + "/rebuild").header("Authorization", bearer("operator")).exchange()
                    .expectStatus().isAccepted();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> MODELS.stream().allMatch(CommerceRebuildTest::done));
        for (String name : MODELS) {
            assertThat(queryDb().queryForObject("SELECT generation FROM projection_generation WHERE projection = ?", Integer.class, name))
                    .as("%s's generation", name).isGreaterThan(1);
        }
        assertThat(answers(warehouse, shop, product, list, image, last)).isEqualTo(before);

        // and replayed from the first event into the active generation
        ReadModelProgress progress = system().queryContext().getBean(ReadModelProgress.class);
        long head = progress.headPosition();
        for (String name : MODELS) {
            StreamingEventProcessor p = progress.processors().get(name);
            p.shutDown();
            p.resetTokens();
            p.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> MODELS.stream().allMatch(n -> progress.hasApplied(n, head))
                && MODELS.stream().noneMatch(n -> progress.processors().get(n).isReplaying()));
        assertThat(answers(warehouse, shop, product, list, image, last)).isEqualTo(before);
        assertThat(queryDb().queryForObject("SELECT count(*) FROM inventory_change WHERE location_id = ?", Integer.class, shop))
                .as("neither a rebuild nor a replay tells the live stream again").isEqualTo(feed);
    }

    static boolean done(String name) {
        Map<?, ?> listing = queries().get().uri("/api/admin/projections").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        for (Object o : (List<?>) listing.get("items")) {
            Map<?, ?> p = (Map<?, ?>) o;
            if (p.get("name").equals(name)) {
                Map<?, ?> r = (Map<?, ?>) p.get("rebuild");
                assertThat(r).as(name + " has a rebuild").isNotNull();
                assertThat(r.get("status")).as(name + " rebuild: " + r).isNotEqualTo("FAILED");
                return "DONE".equals(r.get("status"));
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private static List<Object> answers(String warehouse, String shop, String product, String list, String image, long position) {
        String wait = "minPosition=" + position;
        List<Object> answers = new ArrayList<>();
        for (String location : List.of(warehouse, shop)) {
            answers.add(read("auditor", "/api/inventory/stock?locationId=" + location + "&" + wait, 200));
            answers.add(read("auditor", "/api/inventory/movements?locationId=" + location + "&" + wait, 200));
            answers.add(read("auditor", "/api/inventory/alerts?locationId=" + location + "&" + wait, 200));
            answers.add(read("auditor", "/api/inventory/locations/" + location + "?" + wait, 200));
            answers.add(read("auditor", "/api/analytics/stock-value/products?locationId=" + location + "&" + wait, 200));
            answers.add(read("auditor", "/api/analytics/stock-value?locationId=" + location + "&" + wait, 200));
        }
        answers.add(read("auditor", "/api/catalog/products/" + product + "?" + wait, 200));
        answers.add(read("auditor", "/api/catalog/products?q=qurilgan&" + wait, 200));
        answers.add(read("auditor", "/api/catalog/categories?" + wait, 200));
        answers.add(read("auditor", "/api/catalog/price-lists/" + list + "/prices?" + wait, 200));
        answers.add(queries().get().uri("/api/images/" + image + "?" + wait).header("Authorization", bearer("auditor")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody().length);
        return answers;
    }
}
