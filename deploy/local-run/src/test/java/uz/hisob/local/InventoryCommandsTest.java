package uz.hisob.local;

import org.junit.jupiter.api.BeforeAll;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory's write endpoints over HTTP (commerce.md, "Stock"): locations, receipts, write-offs, counts and
 * minimums, with their refusals and role checks, and the all-or-nothing take under concurrency.
 */
class InventoryCommandsTest extends SystemTestSupport {

    static String shop;

    @BeforeAll
    static void location() {
        shop = uniqueId("shop");
        post("manager", "/api/inventory/locations", Map.of("id", shop, "name", "Chilonzor do'koni", "kind", "SHOP",
                "address", "Chilonzor 9"), 201);
    }

    static Map<?, ?> post(String user, String path, Object body, int status) {
        return commands().post().uri(path).header("Authorization", bearer(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<?, ?> put(String user, String path, Object body, int status) {
        return commands().put().uri(path).header("Authorization", bearer(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<String, Object> line(String productId, long quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    static List<?> errorsOf(Map<?, ?> problem) {
        return (List<?>) problem.get("errors");
    }

    @Test
    void locationsAreTheManagersAndAnswerTheirIdAndPosition() {
        String id = uniqueId("sklad");
        Map<?, ?> created = post("manager", "/api/inventory/locations", Map.of("id", id, "name", "Sergeli ombori", "kind", "WAREHOUSE",
                "timezone", "Asia/Tashkent"), 201);
        assertThat(created.get("id")).isEqualTo(id);
        assertThat(((Number) created.get("position")).longValue()).isPositive();
        post("admin", "/api/inventory/locations", Map.of("name", "Yunusobod", "kind", "SHOP"), 201);
        for (String user : List.of("keeper", "cook", "auditor")) {
            post(user, "/api/inventory/locations", Map.of("name", "X", "kind", "SHOP"), 403);
        }
        // refusals
        assertThat(post("manager", "/api/inventory/locations", Map.of("id", id, "name", "Again", "kind", "SHOP"), 409).get("code"))
                .isEqualTo("ALREADY_EXISTS");
        assertThat(errorsOf(post("manager", "/api/inventory/locations", Map.of("name", "X", "kind", "GARAGE"), 400)).toString())
                .contains("kind");
        assertThat(errorsOf(post("manager", "/api/inventory/locations", Map.of("name", "X", "kind", "SHOP", "timezone", "Mars/Olympus"), 400))
                .toString()).contains("timezone");
        assertThat(errorsOf(post("manager", "/api/inventory/locations", Map.of("kind", "SHOP"), 400)).toString()).contains("name");
    }

    @Test
    void receiptsAreTheKeepersAndRefuseWhatTheContractRefuses() {
        Map<?, ?> receipt = post("keeper", "/api/inventory/receipts", Map.of("locationId", shop, "supplier", "Non zavodi",
                "lines", List.of(Map.of("productId", "non", "quantity", 40, "unitCost", "3500.00"), line("choy", 12))), 201);
        assertThat(receipt.get("id")).isNotNull();
        post("manager", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("non", 1))), 201);
        post("cook", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("non", 1))), 403);
        post("auditor", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("non", 1))), 403);

        // an unknown location, or another tenant's, is an unknown referenced id: 400 on locationId
        Map<?, ?> unknown = post("keeper", "/api/inventory/receipts", Map.of("locationId", "nowhere", "lines", List.of(line("non", 1))), 400);
        assertThat(unknown.get("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(errorsOf(unknown).toString()).contains("locationId");
        assertThat(errorsOf(post("other-admin", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("non", 1))), 400))
                .toString()).contains("locationId");
        // bad lines
        assertThat(errorsOf(post("keeper", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("non", 0))), 400))
                .toString()).contains("quantity");
        assertThat(errorsOf(post("keeper", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of()), 400)).toString())
                .contains("lines");
        assertThat(errorsOf(post("keeper", "/api/inventory/receipts", Map.of("locationId", shop,
                "lines", List.of(Map.of("productId", "non", "quantity", 1, "unitCost", "12.345"))), 400)).toString()).contains("unitCost");
        assertThat(errorsOf(post("keeper", "/api/inventory/receipts", Map.of("locationId", shop,
                "lines", List.of(line("non", 1), line("non", 2))), 400)).toString()).contains("listed twice");
        // a receipt id is used once per location
        String id = uniqueId("r");
        post("keeper", "/api/inventory/receipts", Map.of("id", id, "locationId", shop, "lines", List.of(line("choy", 1))), 201);
        assertThat(post("keeper", "/api/inventory/receipts", Map.of("id", id, "locationId", shop, "lines", List.of(line("choy", 1))), 409)
                .get("code")).isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void aWriteOffTakesEveryLineOrNoneAndListsTheShortages() {
        String loc = freshLocation();
        post("keeper", "/api/inventory/receipts", Map.of("locationId", loc, "lines", List.of(line("olma", 5), line("nok", 2))), 201);
        Map<?, ?> refused = post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "chirigan",
                "lines", List.of(line("olma", 5), line("nok", 3))), 409);
        assertThat(refused.get("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(refused.get("shortages")).isEqualTo(List.of(Map.of("productId", "nok", "locationId", loc, "requested", 3, "available", 2)));
        // nothing was taken: the olma line alone still finds all five
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "chirigan", "lines", List.of(line("olma", 5))), 201);
        assertThat(post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "chirigan", "lines", List.of(line("olma", 1))), 409)
                .get("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(errorsOf(post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "lines", List.of(line("nok", 1))), 400))
                .toString()).contains("reason");
        post("cook", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "x", "lines", List.of(line("nok", 1))), 403);
    }

    @Test
    void aCountAnswersItsAdjustments() {
        String loc = freshLocation();
        post("keeper", "/api/inventory/receipts", Map.of("locationId", loc, "lines", List.of(line("olma", 10), line("nok", 4))), 201);
        Map<?, ?> count = post("keeper", "/api/inventory/counts", Map.of("locationId", loc,
                "lines", List.of(line("olma", 7), line("nok", 4))), 201);
        assertThat(count.get("adjustments")).isEqualTo(List.of(Map.of("productId", "olma", "ledger", 10, "counted", 7, "difference", -3)));
        // the count is the stock now: seven olma, not eight
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "x", "lines", List.of(line("olma", 8))), 409);
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "x", "lines", List.of(line("olma", 7))), 201);
        assertThat(errorsOf(post("keeper", "/api/inventory/counts", Map.of("locationId", loc, "countedAt", "2999-01-01T00:00:00Z",
                "lines", List.of(line("olma", 1))), 400)).toString()).contains("countedAt");
        post("cook", "/api/inventory/counts", Map.of("locationId", loc, "lines", List.of(line("olma", 1))), 403);
    }

    @Test
    void minimumsAreTheManagers() {
        Map<?, ?> set = put("manager", "/api/inventory/minimums", Map.of("locationId", shop,
                "items", List.of(Map.of("productId", "non", "minQuantity", 20), Map.of("productId", "choy", "minQuantity", 0))), 200);
        assertThat(((Number) set.get("position")).longValue()).isPositive();
        put("keeper", "/api/inventory/minimums", Map.of("locationId", shop, "items", List.of(Map.of("productId", "non", "minQuantity", 1))), 403);
        assertThat(errorsOf(put("manager", "/api/inventory/minimums", Map.of("locationId", shop,
                "items", List.of(Map.of("productId", "non", "minQuantity", -1))), 400)).toString()).contains("minQuantity");
        assertThat(errorsOf(put("manager", "/api/inventory/minimums", Map.of("locationId", "nowhere",
                "items", List.of(Map.of("productId", "non", "minQuantity", 1))), 400)).toString()).contains("locationId");
    }

    /** 64 keepers write off one unit each at once, of the last ten: exactly ten succeed, the rest are refused. */
    @Test
    void sixtyFourConcurrentTakesOfTheLastTenUnits() throws Exception {
        String loc = freshLocation();
        post("keeper", "/api/inventory/receipts", Map.of("locationId", loc, "lines", List.of(line("oxirgi", 10))), 201);
        String token = bearer("keeper");
        int clients = 64;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<Integer> take = () -> {
                    start.await();
                    return commands().post().uri("/api/inventory/write-offs").header("Authorization", token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("locationId", loc, "reason", "race", "lines", List.of(line("oxirgi", 1))))
                            .exchange().returnResult(String.class).getStatus().value();
                };
                answers.add(pool.submit(take));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 201).count()).as("takes that succeeded").isEqualTo(10);
            assertThat(statuses.stream().filter(s -> s == 409).count()).as("takes refused for want of stock").isEqualTo(54);
        } finally {
            pool.shutdownNow();
        }
        // and nothing is left
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "x", "lines", List.of(line("oxirgi", 1))), 409);
    }

    static Map<?, ?> read(String user, String uri, int status) {
        return queries().get().uri(uri).header("Authorization", bearer(user)).exchange().expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void stockAndMovementsAsTheLedgerHasThem() {
        String loc = freshLocation();
        post("keeper", "/api/inventory/receipts", Map.of("locationId", loc, "supplier", "Bog'",
                "lines", List.of(Map.of("productId", "olma", "quantity", 30, "unitCost", "1200.5"), line("nok", 8))), 201);
        java.time.Instant between = java.time.Instant.now();
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "chirigan", "lines", List.of(line("olma", 4))), 201);
        put("manager", "/api/inventory/minimums", Map.of("locationId", loc, "items", List.of(Map.of("productId", "nok", "minQuantity", 10))), 200);
        long position = ((Number) post("keeper", "/api/inventory/counts", Map.of("locationId", loc, "lines", List.of(line("nok", 7))), 201)
                .get("position")).longValue();

        Map<?, ?> stock = read("keeper", "/api/inventory/stock?locationId=" + loc + "&minPosition=" + position, 200);
        assertThat(stock.get("items")).isEqualTo(List.of(
                Map.of("productId", "nok", "locationId", loc, "onHand", 7, "reserved", 0, "available", 7, "minQuantity", 10, "belowMinimum", true),
                Map.of("productId", "olma", "locationId", loc, "onHand", 26, "reserved", 0, "available", 26, "minQuantity", 0, "belowMinimum", false)));
        assertThat(stock.get("totalItems")).isEqualTo(2);
        assertThat(((List<?>) read("manager", "/api/inventory/stock?locationId=" + loc + "&belowMinimum=true", 200).get("items"))
                .stream().map(i -> ((Map<?, ?>) i).get("productId")).toList()).isEqualTo(List.of("nok"));
        // as it stood between the receipt and the write-off
        assertThat(read("auditor", "/api/inventory/stock?locationId=" + loc + "&productId=olma&asOf=" + between, 200).get("items"))
                .isEqualTo(List.of(Map.of("productId", "olma", "locationId", loc, "onHand", 30, "reserved", 0, "available", 30,
                        "minQuantity", 0, "belowMinimum", false)));

        // the movements ledger: newest first, each with its document, who and when; it adds up to the stock
        List<?> movements = (List<?>) read("keeper", "/api/inventory/movements?locationId=" + loc, 200).get("items");
        assertThat(movements.stream().map(m -> ((Map<?, ?>) m).get("kind")).toList())
                .isEqualTo(List.of("COUNT_ADJUSTMENT", "WRITE_OFF", "RECEIPT", "RECEIPT"));
        Map<?, ?> adjustment = (Map<?, ?>) movements.getFirst();
        assertThat(adjustment.get("productId")).isEqualTo("nok");
        assertThat(adjustment.get("onHandDelta")).isEqualTo(-1);
        assertThat(adjustment.get("recordedBy")).isEqualTo("keeper");
        assertThat(((Map<?, ?>) adjustment.get("document")).get("kind")).isEqualTo("COUNT");
        Map<?, ?> olmaReceipt = movements.stream().map(m -> (Map<?, ?>) m)
                .filter(m -> m.get("kind").equals("RECEIPT") && m.get("productId").equals("olma")).findFirst().orElseThrow();
        assertThat(olmaReceipt.get("unitCost")).isEqualTo("1200.50");
        assertThat(olmaReceipt.get("currency")).isEqualTo("UZS");
        long olma = movements.stream().map(m -> (Map<?, ?>) m).filter(m -> m.get("productId").equals("olma"))
                .mapToLong(m -> ((Number) m.get("onHandDelta")).longValue()).sum();
        assertThat(olma).isEqualTo(26);
        assertThat(((List<?>) read("keeper", "/api/inventory/movements?locationId=" + loc + "&kind=WRITE_OFF", 200).get("items"))).hasSize(1);
        assertThat(read("keeper", "/api/inventory/movements?kind=STOLEN", 400).get("code")).isEqualTo("VALIDATION_FAILED");

        // the location itself
        assertThat(read("keeper", "/api/inventory/locations/" + loc, 200).get("kind")).isEqualTo("SHOP");
        read("keeper", "/api/inventory/locations/nowhere", 404);
        // roles and tenancy: the kitchen's cook reads no stock; another tenant sees none of it
        read("cook", "/api/inventory/stock?locationId=" + loc, 403);
        read("operator", "/api/inventory/stock?locationId=" + loc, 403);
        assertThat((List<?>) read("other-admin", "/api/inventory/stock?locationId=" + loc, 200).get("items")).isEmpty();
        read("other-admin", "/api/inventory/locations/" + loc, 404);
        // and a keeper reads no kitchen
        read("keeper", "/api/kitchens", 403);
    }

    @Test
    void lowStockAlertsOpenFollowAndClear() {
        String loc = freshLocation();
        post("keeper", "/api/inventory/receipts", Map.of("locationId", loc, "lines", List.of(line("un", 50), line("tuz", 5))), 201);
        put("manager", "/api/inventory/minimums", Map.of("locationId", loc,
                "items", List.of(Map.of("productId", "un", "minQuantity", 20), Map.of("productId", "tuz", "minQuantity", 10))), 200);
        // tuz: 5 < 10 from the minimum on; un falls below 20 with the write-off, then further
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "nam", "lines", List.of(line("un", 35))), 201);
        long position = ((Number) post("keeper", "/api/inventory/write-offs", Map.of("locationId", loc, "reason", "nam",
                "lines", List.of(line("un", 3))), 201).get("position")).longValue();
        List<?> active = (List<?>) read("keeper", "/api/inventory/alerts?active=true&locationId=" + loc + "&minPosition=" + position, 200).get("items");
        assertThat(active.stream().map(a -> ((Map<?, ?>) a).get("productId") + ":" + ((Map<?, ?>) a).get("available") + "<"
                + ((Map<?, ?>) a).get("minQuantity")).sorted().toList()).isEqualTo(List.of("tuz:5<10", "un:12<20"));
        // a receipt lifts un back above its minimum: its alert is cleared, and kept
        position = ((Number) post("keeper", "/api/inventory/receipts", Map.of("locationId", loc, "lines", List.of(line("un", 8))), 201)
                .get("position")).longValue();
        List<?> after = (List<?>) read("manager", "/api/inventory/alerts?active=true&locationId=" + loc + "&minPosition=" + position, 200).get("items");
        assertThat(after.stream().map(a -> ((Map<?, ?>) a).get("productId")).toList()).isEqualTo(List.of("tuz"));
        List<?> cleared = (List<?>) read("auditor", "/api/inventory/alerts?active=false&locationId=" + loc, 200).get("items");
        assertThat(cleared).hasSize(1);
        assertThat(((Map<?, ?>) cleared.getFirst()).get("productId")).isEqualTo("un");
        assertThat(((Map<?, ?>) cleared.getFirst()).get("clearedAt")).isNotNull();
        assertThat(((Map<?, ?>) cleared.getFirst()).get("available")).isEqualTo(20);
        read("cook", "/api/inventory/alerts", 403);
    }

    private static String freshLocation() {
        String id = uniqueId("loc");
        post("manager", "/api/inventory/locations", Map.of("id", id, "name", "Do'kon " + id, "kind", "SHOP"), 201);
        return id;
    }
}
