package uz.hisob.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uz.hisob.payments.StripeStandIn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders and card payments over HTTP (commerce.md "Carts and orders", "Payments"): placing with reservations and
 * allocation, the Stripe-compatible stand-in's signed webhooks (replayed, forged, stale, out of order), the client's
 * return, a provider that is down, expiry and payment after it, cancellation with refunds, fulfilment, the customer's
 * own orders, tenant isolation, and twelve orders at once for the last five units.
 */
class OrdersTest extends SystemTestSupport {

    static String list;
    static String tea;
    static String bread;
    static String north;
    static String south;

    @BeforeAll
    static void catalogueAndStock() {
        list = uniqueId("pl");
        post("manager", "/api/catalog/price-lists", Map.of("id", list, "name", "Onlayn", "currency", "UZS", "taxIncluded", false), 201);
        tea = uniqueId("tea");
        bread = uniqueId("bread");
        post("manager", "/api/catalog/products", Map.of("id", tea, "sku", tea, "name", "Ko'k choy", "unit", "pcs", "taxRatePct", 12), 201);
        post("manager", "/api/catalog/products", Map.of("id", bread, "sku", bread, "name", "Non", "unit", "pcs"), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(
                Map.of("productId", tea, "price", "10000.00"), Map.of("productId", bread, "price", "3333.33"))), 200);
        north = uniqueId("north");
        south = uniqueId("south");
        post("manager", "/api/inventory/locations", Map.of("id", north, "name", "Shimoliy ombor", "kind", "WAREHOUSE"), 201);
        post("manager", "/api/inventory/locations", Map.of("id", south, "name", "Janubiy ombor", "kind", "WAREHOUSE"), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", north, "lines", List.of(line(tea, 1000), line(bread, 1000))), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", south, "lines", List.of(line(tea, 1000), line(bread, 1000))), 201);
        // the south warehouse first
        put("manager", "/api/sales/settings", Map.of("warehousePriority", List.of(south, north)), 200);
    }

    @Test
    void aCashOrderIsPricedByTheServerReservedAtTheFirstWarehouseAndReadWithItsHistory() {
        // products of this test alone: the others reserve tea and bread at the same warehouses
        String tea = product("Qora choy", "10000.00", 12);
        String bread = product("Patir", "3333.33", null);
        Map<?, ?> placed = post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 3), line(bread, 2)), "priceListId", list,
                "shipping", Map.of("address", "Chilonzor 9", "phone", "+998901234567"), "payment", Map.of("method", "CASH_ON_DELIVERY"),
                // what a client thinks the total is never counts
                "total", "1.00"), 201);
        assertThat(placed.get("status")).isEqualTo("CONFIRMED");
        assertThat(((Number) placed.get("number")).longValue()).isPositive();
        // tea 3 × 10 000 + 12 % = 33 600.00; bread 2 × 3 333.33 = 6 666.66, no tax
        assertThat(placed.get("total")).isEqualTo("40266.66");
        assertThat(placed.get("currency")).isEqualTo("UZS");
        String id = (String) placed.get("id");
        Map<?, ?> order = read("manager", "/api/orders/" + id + "?minPosition=" + position(placed), 200);
        assertThat(order.get("subtotal")).isEqualTo("36666.66");
        assertThat(order.get("taxTotal")).isEqualTo("3600.00");
        assertThat(order.get("discountTotal")).isEqualTo("0.00");
        assertThat(order.get("total")).isEqualTo("40266.66");
        List<?> lines = (List<?>) order.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(((Map<?, ?>) lines.get(0)).get("tax").toString()).isEqualTo("3600.00");
        assertThat(allocations(order)).containsExactlyInAnyOrder(south + "/" + tea + "/3", south + "/" + bread + "/2");
        assertThat(kinds(order)).containsExactly("ORDER_PLACED");
        assertThat(stock(south, tea).get("reserved")).isEqualTo(3);
        assertThat(stock(north, tea).get("reserved")).isEqualTo(0);

        // fulfilled by the keeper: the units leave onHand; then completed
        long before = ((Number) stock(south, tea).get("onHand")).longValue();
        post("customer", "/api/orders/" + id + "/fulfil", Map.of(), 403);
        Map<?, ?> fulfilled = post("keeper", "/api/orders/" + id + "/fulfil", Map.of(), 200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<?, ?> s = read("keeper", "/api/inventory/stock?locationId=" + south + "&productId=" + tea + "&minPosition="
                    + position(fulfilled), 200);
            Map<?, ?> item = (Map<?, ?>) ((List<?>) s.get("items")).getFirst();
            assertThat(((Number) item.get("onHand")).longValue()).isEqualTo(before - 3);
            assertThat(item.get("reserved")).isEqualTo(0);
        });
        assertThat(post("manager", "/api/orders/" + id + "/cancel", Map.of("reason", "late"), 409).get("code")).isEqualTo("ORDER_FULFILLED");
        Map<?, ?> completed = post("keeper", "/api/orders/" + id + "/complete", Map.of(), 200);
        Map<?, ?> done = read("auditor", "/api/orders/" + id + "?minPosition=" + position(completed), 200);
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(kinds(done)).containsExactly("ORDER_PLACED", "ORDER_FULFILLED", "ORDER_COMPLETED");
    }

    @Test
    void aLineIsSplitOverWarehousesOnlyWhenNoOneHasItAll() {
        String rare = uniqueId("rare");
        post("manager", "/api/catalog/products", Map.of("id", rare, "sku", rare, "name", "Zafar", "unit", "g"), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", rare, "price", "50.00"))), 200);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", north, "lines", List.of(line(rare, 700))), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", south, "lines", List.of(line(rare, 400))), 201);
        // south comes first but has only 400: north has all 600
        Map<?, ?> whole = post("manager", "/api/orders", invoice(line(rare, 600)), 201);
        assertThat(allocations(read("manager", "/api/orders/" + whole.get("id") + "?minPosition=" + position(whole), 200)))
                .containsExactly(north + "/" + rare + "/600");
        // now north has 100 and south 400: 450 needs both, south first
        Map<?, ?> split = post("manager", "/api/orders", invoice(line(rare, 450)), 201);
        assertThat(allocations(read("manager", "/api/orders/" + split.get("id") + "?minPosition=" + position(split), 200)))
                .containsExactly(south + "/" + rare + "/400", north + "/" + rare + "/50");
        // 51 more than there is: refused with the shortage, and nothing reserved
        Map<?, ?> refused = post("manager", "/api/orders", invoice(line(rare, 51)), 409);
        assertThat(refused.get("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(refused.get("shortages").toString()).contains("requested=51", "available=50");
        assertThat(stock(north, rare).get("reserved")).isEqualTo(650);
        // a named location is the only one asked
        assertThat(post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 1)), "priceListId", list, "locationId", "nowhere",
                "payment", Map.of("method", "INVOICE")), 400).toString()).contains("locationId");
    }

    @Test
    void aCardOrderIsConfirmedByItsSignedWebhookOnceHoweverOftenItIsDeliveredOrReported() throws Exception {
        Map<?, ?> placed = post("manager", "/api/orders", card(line(tea, 1)), 201);
        assertThat(placed.get("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(Instant.parse((String) placed.get("reservedUntil"))).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        Map<?, ?> payment = (Map<?, ?>) placed.get("payment");
        assertThat(payment.get("provider")).isEqualTo("stripe");
        String intent = (String) payment.get("id");
        assertThat(intent).startsWith("pi_");
        assertThat((String) payment.get("clientSecret")).startsWith(intent + "_secret_");
        String id = (String) placed.get("id");

        // the client's return before paying: nothing captured yet
        assertThat(post("manager", "/api/orders/" + id + "/payment/return", Map.of(), 409).get("code")).isEqualTo("PAYMENT_NOT_CAPTURED");
        assertThat(payAtProvider(intent, "pm_card_visa")).isEqualTo(200);
        Map<?, ?> confirmed = awaitStatus(id, "CONFIRMED");
        assertThat(((Map<?, ?>) confirmed.get("payment")).get("status")).isEqualTo("CAPTURED");
        assertThat(((Map<?, ?>) confirmed.get("payment")).get("captured")).isEqualTo("11200.00");

        // every delivery of the stand-in was answered 200; the succeeded one delivered again changes nothing
        StripeStandIn.Delivery succeeded = await().atMost(Duration.ofSeconds(10)).until(() -> delivery(intent, "payment_intent.succeeded"),
                d -> d != null && d.status() == 200);
        Map<?, ?> replay = webhook(succeeded.body(), succeeded.signature(), 200);
        assertThat(replay.get("applied")).isEqualTo(false);
        // the webhook delivered again six times and the client's return six times, all at once: still one capture
        ExecutorService reports = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(reports.submit(() -> commands().post().uri("/api/payments/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
                        .header("Stripe-Signature", succeeded.signature()).bodyValue(succeeded.body()).exchange()
                        .returnResult(String.class).getStatus().value()));
                answers.add(reports.submit(() -> commands().post().uri("/api/orders/" + id + "/payment/return").header("Authorization", bearer("manager"))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().returnResult(String.class).getStatus().value()));
            }
            for (Future<Integer> f : answers) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            reports.shutdownNow();
        }
        Map<?, ?> after = read("manager", "/api/orders/" + id + "?minPosition=" + position(post("manager", "/api/orders/" + id
                + "/payment/return", Map.of(), 200)), 200);
        assertThat(kinds(after).stream().filter("PAYMENT_CAPTURED"::equals).count()).isEqualTo(1);
        assertThat(after.get("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void forgedStaleOrUnsignedWebhooksAreRefusedAndChangeNothing() throws Exception {
        Map<?, ?> placed = post("manager", "/api/orders", card(line(tea, 1)), 201);
        String id = (String) placed.get("id");
        String intent = (String) ((Map<?, ?>) placed.get("payment")).get("id");
        String body = "{\"id\":\"evt_" + uniqueId("forged") + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":"
                + "{\"id\":\"" + intent + "\",\"object\":\"payment_intent\",\"amount\":1120000,\"amount_received\":1120000,\"currency\":\"uzs\","
                + "\"status\":\"succeeded\",\"metadata\":{\"order_id\":\"" + id + "\",\"tenant\":\"demo\"}}}}";
        long now = Instant.now().getEpochSecond();
        // signed with another secret
        assertThat(webhook(body, StripeStandIn.signature("whsec_someone_else", now, body), 400).get("code")).isEqualTo("SIGNATURE_INVALID");
        // signed with the right secret 400 s ago: stale
        assertThat(webhook(body, StripeStandIn.signature(HisobSystem.STRIPE_WEBHOOK_SECRET, now - 400, body), 400).get("code"))
                .isEqualTo("SIGNATURE_INVALID");
        // no signature, and a body changed after signing
        webhook(body, null, 400);
        webhook(body.replace("1120000", "100"), StripeStandIn.signature(HisobSystem.STRIPE_WEBHOOK_SECRET, now, body), 400);
        assertThat(read("manager", "/api/orders/" + id + "?minPosition=" + position(placed), 200).get("status")).isEqualTo("PENDING_PAYMENT");
        // several v1 (a secret being rolled): one of them verifying is enough
        String good = StripeStandIn.signature(HisobSystem.STRIPE_WEBHOOK_SECRET, now, body);
        String rolled = "t=" + now + ",v1=" + "0".repeat(64) + "," + good.substring(good.indexOf("v1="));
        assertThat(webhook(body, rolled, 200).get("applied")).isEqualTo(true);
        assertThat(awaitStatus(id, "CONFIRMED").get("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aSucceededBeforeItsProcessingStillConfirms() throws Exception {
        Map<?, ?> placed = post("manager", "/api/orders", card(line(bread, 1)), 201);
        String intent = (String) ((Map<?, ?>) placed.get("payment")).get("id");
        system().stripe().reverseWebhooks(true);
        try {
            payAtProvider(intent, "pm_card_visa");
            awaitStatus((String) placed.get("id"), "CONFIRMED");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(intent, "payment_intent.processing"), d -> d != null && d.status() == 200);
        } finally {
            system().stripe().reverseWebhooks(false);
        }
        Map<?, ?> order = read("manager", "/api/orders/" + placed.get("id"), 200);
        assertThat(order.get("status")).isEqualTo("CONFIRMED");
        assertThat(kinds(order)).containsExactly("ORDER_PLACED", "PAYMENT_CAPTURED");
    }

    @Test
    void aProviderThatIsDownAnswers503AndNothingIsReserved() {
        String product = uniqueId("salt");
        post("manager", "/api/catalog/products", Map.of("id", product, "sku", product, "name", "Tuz", "unit", "pcs"), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", product, "price", "900.00"))), 200);
        Map<?, ?> receipt = post("keeper", "/api/inventory/receipts", Map.of("locationId", north, "lines", List.of(line(product, 5))), 201);
        system().stripe().stop();
        try {
            long started = System.nanoTime();
            Map<?, ?> down = commands().post().uri("/api/orders").header("Authorization", bearer("manager"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(card(line(product, 2))).exchange()
                    .expectStatus().isEqualTo(503).expectHeader().exists("Retry-After")
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(down.get("code")).isEqualTo("UNAVAILABLE");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            system().stripe().startAgain();
        }
        Map<?, ?> s = read("keeper", "/api/inventory/stock?locationId=" + north + "&productId=" + product + "&minPosition=" + position(receipt), 200);
        assertThat(((Map<?, ?>) ((List<?>) s.get("items")).getFirst()).get("reserved")).isEqualTo(0);
        // a cash order needs no provider
        post("manager", "/api/orders", invoice(line(product, 2)), 201);
    }

    @Test
    void anUnpaidOrderExpiresAndALatePaymentReservesAgainOrIsRefunded() throws Exception {
        put("manager", "/api/sales/settings", Map.of("reservationTtl", "PT5S"), 200);
        String honey = uniqueId("honey");
        Map<?, ?> a;
        Map<?, ?> b;
        try {
            post("manager", "/api/catalog/products", Map.of("id", honey, "sku", honey, "name", "Asal", "unit", "pcs"), 201);
            put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", honey, "price", "45000.00"))), 200);
            post("keeper", "/api/inventory/receipts", Map.of("locationId", south, "lines", List.of(line(honey, 3))), 201);
            a = post("manager", "/api/orders", card(line(honey, 2)), 201);
            b = post("manager", "/api/orders", card(line(honey, 1)), 201);
            assertThat(read("manager", "/api/orders/" + b.get("id") + "?minPosition=" + position(b), 200).get("status")).isEqualTo("PENDING_PAYMENT");
            assertThat(stock(south, honey).get("reserved")).isEqualTo(3);
        } finally {
            put("manager", "/api/sales/settings", Map.of("reservationTtl", "PT15M"), 200);
        }
        awaitStatus((String) a.get("id"), "EXPIRED");
        awaitStatus((String) b.get("id"), "EXPIRED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stock(south, honey).get("reserved")).isEqualTo(0));

        // a is paid late while its stock is there: reserved again and confirmed
        payAtProvider((String) ((Map<?, ?>) a.get("payment")).get("id"), "pm_card_visa");
        Map<?, ?> again = awaitStatus((String) a.get("id"), "CONFIRMED");
        assertThat(kinds(again)).containsExactly("ORDER_PLACED", "ORDER_EXPIRED", "PAYMENT_CAPTURED", "ORDER_RESERVED_AGAIN");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stock(south, honey).get("reserved")).isEqualTo(2));

        // the last unit goes to a cash order; b's late payment finds none: cancelled and refunded in full
        post("manager", "/api/orders", Map.of("lines", List.of(line(honey, 1)), "priceListId", list, "locationId", south,
                "payment", Map.of("method", "INVOICE")), 201);
        payAtProvider((String) ((Map<?, ?>) b.get("payment")).get("id"), "pm_card_visa");
        Map<?, ?> cancelled = awaitStatus((String) b.get("id"), "CANCELLED");
        assertThat(cancelled.get("cancelReason")).isEqualTo("PAID_AFTER_EXPIRY");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<?> refunds = (List<?>) read("manager", "/api/orders/" + b.get("id"), 200).get("refunds");
            assertThat(refunds).hasSize(1);
            assertThat(((Map<?, ?>) refunds.getFirst()).get("status")).isEqualTo("DONE");
            assertThat(((Map<?, ?>) refunds.getFirst()).get("amount")).isEqualTo("45000.00");
        });
    }

    @Test
    void aCancelledPaidOrderGivesItsStockBackAndIsRefunded() throws Exception {
        String tea = product("Yashil choy", "8000.00", 12);
        Map<?, ?> placed = post("manager", "/api/orders", card(line(tea, 4)), 201);
        String id = (String) placed.get("id");
        payAtProvider((String) ((Map<?, ?>) placed.get("payment")).get("id"), "pm_card_visa");
        awaitStatus(id, "CONFIRMED");
        assertThat(stock(south, tea).get("reserved")).isEqualTo(4);
        assertThat(errorsOf(post("manager", "/api/orders/" + id + "/cancel", Map.of(), 400)).toString()).contains("reason");
        Map<?, ?> cancelled = post("manager", "/api/orders/" + id + "/cancel", Map.of("reason", "changed my mind"), 200);
        assertThat(position(cancelled)).isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<?, ?> order = read("manager", "/api/orders/" + id, 200);
            assertThat(order.get("status")).isEqualTo("CANCELLED");
            assertThat(((Map<?, ?>) ((List<?>) order.get("refunds")).getFirst()).get("status")).isEqualTo("DONE");
            assertThat(((Number) stock(south, tea).get("reserved")).longValue()).isEqualTo(0);
        });
        // cancelling again changes nothing; fulfilling a cancelled order is refused
        post("manager", "/api/orders/" + id + "/cancel", Map.of("reason", "again"), 200);
        assertThat(post("keeper", "/api/orders/" + id + "/fulfil", Map.of(), 409).get("code")).isEqualTo("ORDER_NOT_CONFIRMED");
    }

    @Test
    void aRefundWhileTheProviderIsDownIsPendingAndRetriedUntilDone() throws Exception {
        String tea = product("Ko'k choy, 250 g", "12500.00", 12);
        Map<?, ?> placed = post("manager", "/api/orders", card(line(tea, 2)), 201);
        String id = (String) placed.get("id");
        payAtProvider((String) ((Map<?, ?>) placed.get("payment")).get("id"), "pm_card_visa");
        awaitStatus(id, "CONFIRMED");
        system().stripe().stop();
        try {
            // the cancellation needs no provider: it is decided, the refund waits for the provider
            post("manager", "/api/orders/" + id + "/cancel", Map.of("reason", "out of stock at the courier"), 200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<?, ?> order = read("manager", "/api/orders/" + id, 200);
                assertThat(order.get("status")).isEqualTo("CANCELLED");
                Map<?, ?> refund = (Map<?, ?>) ((List<?>) order.get("refunds")).getFirst();
                assertThat(refund.get("status")).isEqualTo("PENDING");
                assertThat(refund.get("amount")).isEqualTo("28000.00");
            });
            // the stock goes back without waiting for the refund
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stock(south, tea).get("reserved")).isEqualTo(0));
        } finally {
            system().stripe().startAgain();
        }
        // the next try (the first after 5 s) finds the provider back: done, and done once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> order = read("manager", "/api/orders/" + id, 200);
            List<?> refunds = (List<?>) order.get("refunds");
            assertThat(refunds).hasSize(1);
            assertThat(((Map<?, ?>) refunds.getFirst()).get("status")).isEqualTo("DONE");
            assertThat(kinds(order).stream().filter("REFUND_COMPLETED"::equals).count()).isEqualTo(1);
        });
    }

    @Test
    void theReservationsOfAPlacementThatNeverFinishedAreReleased() {
        String tea = product("Choy, qutida", "20000.00", null);
        String order = uniqueId("stopped");
        // as a placement that reserved, then lost its node before recording the order: its note is two minutes old
        uz.hisob.command.platform.CommandSender sender = system().commandContext().getBean(uz.hisob.command.platform.CommandSender.class);
        sender.send(uz.hisob.command.platform.Actor.system("demo"), new uz.hisob.api.inventory.ReserveStock("demo", north, order, "ORDER",
                order, List.of(new uz.hisob.api.inventory.Line(tea, 7))));
        eventsDb().update("INSERT INTO order_placements (tenant, order_id, started_at, reservations) VALUES ('demo', ?, now() - interval '2 minutes', "
                + "jsonb_build_array(jsonb_build_object('locationId', ?::text, 'reservationId', ?::text)))", order, north, order);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stock(north, tea).get("reserved")).isEqualTo(0));
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM order_placements WHERE order_id = ?", Long.class, order)).isZero();
        // a placement that finished leaves no note behind
        Map<?, ?> placed = post("manager", "/api/orders", invoice(line(tea, 1)), 201);
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM order_placements WHERE order_id = ?", Long.class, placed.get("id"))).isZero();
    }

    @Test
    void returnsAreRefundedRestockedAndNeverExceedWhatWasFulfilled() throws Exception {
        String tea = product("Choy, sovg'a qutisi", "30000.00", 12);
        Map<?, ?> placed = post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 3)), "priceListId", list, "locationId", north,
                "payment", Map.of("method", "CARD")), 201);
        String id = (String) placed.get("id");
        payAtProvider((String) ((Map<?, ?>) placed.get("payment")).get("id"), "pm_card_visa");
        awaitStatus(id, "CONFIRMED");
        // nothing comes back before it left
        assertThat(post("manager", "/api/orders/" + id + "/returns", Map.of("lines", List.of(line(tea, 1)), "reason", "x", "restock", true), 409)
                .get("code")).isEqualTo("ORDER_NOT_FULFILLED");
        Map<?, ?> fulfilled = post("keeper", "/api/orders/" + id + "/fulfil", Map.of(), 200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stock(north, tea).get("onHand")).isEqualTo(997));
        post("customer", "/api/orders/" + id + "/returns", Map.of("lines", List.of(line(tea, 1)), "reason", "x", "restock", true), 403);
        // one of three back, restocked: a third of 100 800.00
        Map<?, ?> back = post("keeper", "/api/orders/" + id + "/returns", Map.of("lines", List.of(line(tea, 1)), "reason", "Qutisi ezilgan",
                "restock", true), 201);
        assertThat(back.get("refund")).isEqualTo("33600.00");
        assertThat(position(back)).isGreaterThan(position(fulfilled));
        // two more are left to return, not three
        Map<?, ?> beyond = post("manager", "/api/orders/" + id + "/returns", Map.of("lines", List.of(line(tea, 3)), "reason", "x",
                "restock", false), 409);
        assertThat(beyond.get("code")).isEqualTo("RETURN_EXCEEDS_ORDER");
        assertThat(beyond.get("lines").toString()).contains("returnable=2");
        Map<?, ?> rest = post("manager", "/api/orders/" + id + "/returns", Map.of("lines", List.of(line(tea, 2)), "reason", "Kerak emas",
                "restock", false), 201);
        assertThat(rest.get("refund")).isEqualTo("67200.00");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<?, ?> order = read("manager", "/api/orders/" + id, 200);
            List<?> refunds = (List<?>) order.get("refunds");
            assertThat(refunds).hasSize(2);
            assertThat(refunds.stream().map(r -> ((Map<?, ?>) r).get("status")).distinct().toList()).isEqualTo(List.of("DONE"));
            assertThat(kinds(order).stream().filter("ORDER_LINES_RETURNED"::equals).count()).isEqualTo(2);
            // the restocked one is on hand again, the others were not restocked
            assertThat(stock(north, tea).get("onHand")).isEqualTo(998);
        });
        assertThat(errorsOf(post("manager", "/api/orders/" + id + "/returns", Map.of("lines", List.of(line(tea, 1)), "reason", "x"), 400))
                .toString()).contains("restock");
    }

    @Test
    void aPayPalOrderIsCapturedOnceItsBuyerApprovesAndRefundedThroughPayPal() throws Exception {
        String tea = product("Choy, PayPal", "15000.00", null);
        Map<?, ?> placed = post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 2)), "priceListId", list, "locationId", north,
                "payment", Map.of("method", "PAYPAL")), 201);
        String id = (String) placed.get("id");
        Map<?, ?> payment = (Map<?, ?>) placed.get("payment");
        assertThat(payment.get("provider")).isEqualTo("paypal");
        String approve = (String) payment.get("approveUrl");
        assertThat(approve).startsWith(system().paypal().url() + "/checkoutnow?token=" + payment.get("id"));
        // the client's return before the buyer approved: nothing to capture
        assertThat(post("manager", "/api/orders/" + id + "/payment/return", Map.of(), 409).get("code")).isEqualTo("PAYMENT_NOT_CAPTURED");
        // the buyer approves on PayPal's page: the approval's webhook captures, the capture's webhook finds it done
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(approve)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        Map<?, ?> confirmed = awaitStatus(id, "CONFIRMED");
        assertThat(((Map<?, ?>) confirmed.get("payment")).get("captured")).isEqualTo("30000.00");
        PayPalDelivery completed = await().atMost(Duration.ofSeconds(10)).until(() -> paypalDelivery((String) payment.get("id"),
                "PAYMENT.CAPTURE.COMPLETED"), d -> d != null && d.status() == 200);
        // delivered again: nothing changes; with a forged signature: refused
        assertThat(paypalWebhook(completed.body(), completed.headers(), 200).get("applied")).isEqualTo(false);
        Map<String, String> forged = new java.util.HashMap<>(completed.headers());
        forged.put("PAYPAL-TRANSMISSION-SIG", java.util.Base64.getEncoder().encodeToString(new byte[256]));
        assertThat(paypalWebhook(completed.body(), forged, 400).get("code")).isEqualTo("SIGNATURE_INVALID");
        Map<String, String> none = new java.util.HashMap<>(completed.headers());
        none.remove("PAYPAL-TRANSMISSION-SIG");
        paypalWebhook(completed.body(), none, 400);
        post("manager", "/api/orders/" + id + "/payment/return", Map.of(), 200);
        Map<?, ?> order = read("manager", "/api/orders/" + id, 200);
        assertThat(kinds(order).stream().filter("PAYMENT_CAPTURED"::equals).count()).isEqualTo(1);
        // cancelled: refunded through PayPal
        post("manager", "/api/orders/" + id + "/cancel", Map.of("reason", "changed my mind"), 200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<?> refunds = (List<?>) read("manager", "/api/orders/" + id, 200).get("refunds");
            assertThat(refunds).hasSize(1);
            assertThat(((Map<?, ?>) refunds.getFirst()).get("status")).isEqualTo("DONE");
            assertThat(((Map<?, ?>) refunds.getFirst()).get("amount")).isEqualTo("30000.00");
        });
    }

    record PayPalDelivery(String body, Map<String, String> headers, int status) {
    }

    static PayPalDelivery paypalDelivery(String paypalOrder, String type) {
        return system().paypal().deliveries().stream().filter(d -> d.type().equals(type) && d.body().contains(paypalOrder))
                .map(d -> new PayPalDelivery(d.body(), d.headers(), d.status())).reduce((a, b) -> b).orElse(null);
    }

    static Map<?, ?> paypalWebhook(String body, Map<String, String> headers, int status) {
        WebTestClient.RequestBodySpec spec = commands().post().uri("/api/payments/webhooks/paypal").contentType(MediaType.APPLICATION_JSON);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            spec = spec.header(h.getKey(), h.getValue());
        }
        return spec.bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aCartIsPricedAtEachChangeShowsWhatIsAvailableAndBecomesOneOrder() {
        String tea = product("Choy, savatga", "10000.00", 12);
        String rare = uniqueId("kam");
        post("manager", "/api/catalog/products", Map.of("id", rare, "sku", rare, "name", "Kamyob", "unit", "pcs"), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", rare, "price", "500.00"))), 200);
        Map<?, ?> cart = post("customer", "/api/carts", Map.of("priceListId", list), 201);
        String id = (String) cart.get("id");
        put("customer", "/api/carts/" + id + "/lines/" + tea, Map.of("quantity", 5), 200);
        put("customer", "/api/carts/" + id + "/lines/" + tea, Map.of("quantity", 3), 200);
        Map<?, ?> last = put("customer", "/api/carts/" + id + "/lines/" + rare, Map.of("quantity", 2), 200);
        Map<?, ?> read = read("customer", "/api/carts/" + id + "?minPosition=" + position(last), 200);
        assertThat(read.get("subtotal")).isEqualTo("31000.00");
        assertThat(read.get("taxTotal")).isEqualTo("3600.00");
        assertThat(read.get("total")).isEqualTo("34600.00");
        List<?> lines = (List<?>) read.get("lines");
        Map<?, ?> teaLine = (Map<?, ?>) lines.stream().filter(l -> tea.equals(((Map<?, ?>) l).get("productId"))).findFirst().orElseThrow();
        assertThat(teaLine.get("quantity")).isEqualTo(3);
        assertThat(teaLine.get("total")).isEqualTo("33600.00");
        assertThat(teaLine.get("available")).isEqualTo(true);
        Map<?, ?> rareLine = (Map<?, ?>) lines.stream().filter(l -> rare.equals(((Map<?, ?>) l).get("productId"))).findFirst().orElseThrow();
        assertThat(rareLine.get("available")).isEqualTo(false);
        // 0 removes; a product that is not sold is refused; a code no promotion has
        Map<?, ?> removed = put("customer", "/api/carts/" + id + "/lines/" + rare, Map.of("quantity", 0), 200);
        assertThat(((List<?>) read("customer", "/api/carts/" + id + "?minPosition=" + position(removed), 200).get("lines"))).hasSize(1);
        put("customer", "/api/carts/" + id + "/lines/no-such-product", Map.of("quantity", 1), 400);
        Map<?, ?> code = post("customer", "/api/carts/" + id + "/codes", Map.of("code", "BAHOR10"), 409);
        assertThat(code.get("code")).isEqualTo("PROMOTION_NOT_APPLICABLE");
        assertThat(code.get("reason")).isEqualTo("UNKNOWN_CODE");
        // another tenant's and a staff cart without a customer
        put("other-admin", "/api/carts/" + id + "/lines/" + tea, Map.of("quantity", 1), 404);
        assertThat(post("manager", "/api/carts", Map.of("priceListId", list), 400).toString()).contains("customerId");
        post("cook", "/api/carts", Map.of(), 403);

        // the order of the cart: its lines, priced again; the cart is then closed
        Map<?, ?> order = post("customer", "/api/orders", Map.of("cartId", id, "shipping", Map.of("address", "Olmazor 3"),
                "payment", Map.of("method", "CASH_ON_DELIVERY")), 201);
        assertThat(order.get("total")).isEqualTo("33600.00");
        assertThat(post("customer", "/api/orders", Map.of("cartId", id, "shipping", Map.of("address", "Olmazor 3"),
                "payment", Map.of("method", "CASH_ON_DELIVERY")), 409).get("code")).isEqualTo("CART_ORDERED");
        assertThat(post("customer", "/api/orders", Map.of("cartId", id, "lines", List.of(line(tea, 1)),
                "payment", Map.of("method", "INVOICE")), 400).toString()).contains("lines");
        assertThat(post("manager", "/api/orders", Map.of("cartId", "no-such-cart", "payment", Map.of("method", "INVOICE")), 400)
                .toString()).contains("cartId");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<?, ?> closed = read("customer", "/api/carts/" + id, 200);
            assertThat(closed.get("status")).isEqualTo("ORDERED");
            assertThat(closed.get("orderId")).isEqualTo(order.get("id"));
        });
        put("customer", "/api/carts/" + id + "/lines/" + tea, Map.of("quantity", 1), 409);
    }

    @Test
    void twelveOrdersAtOnceForTheLastFiveUnitsGetExactlyFive() throws Exception {
        String last = uniqueId("last");
        post("manager", "/api/catalog/products", Map.of("id", last, "sku", last, "name", "Oxirgi", "unit", "pcs"), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", last, "price", "1000.00"))), 200);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", north, "lines", List.of(line(last, 3))), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", south, "lines", List.of(line(last, 2))), 201);
        token("manager");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> commands().post().uri("/api/orders").header("Authorization", bearer("manager"))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(invoice(line(last, 1))).exchange()
                        .returnResult(String.class).getStatus().value()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(5);
            assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(stock(north, last).get("available")).isEqualTo(0);
            assertThat(stock(south, last).get("available")).isEqualTo(0);
        });
        // the tenant's numbers have no gaps: the seven refused took none, and every order placed has one of its own
        long head = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        read("manager", "/api/orders?minPosition=" + head, 200);
        List<Long> numbers = queryDb().queryForList("SELECT number FROM sales_order WHERE tenant = 'demo' ORDER BY number", Long.class);
        long lastNumber = eventsDb().queryForObject("SELECT last_number FROM order_numbers WHERE tenant = 'demo'", Long.class);
        assertThat(numbers).hasSize((int) lastNumber);
        assertThat(numbers).isEqualTo(java.util.stream.LongStream.rangeClosed(1, lastNumber).boxed().toList());
    }

    @Test
    void aCustomerSeesAndCancelsOnlyItsOwnOrdersAndAnotherTenantNone() {
        String other = uniqueId("buyer");
        post("admin", "/api/users", Map.of("username", other, "password", other + "-password", "roles", List.of("CUSTOMER")), 201);
        String otherToken = (String) commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", other, "password", other + "-password")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
        Map<?, ?> mine = post("customer", "/api/orders", Map.of("lines", List.of(line(bread, 1)), "priceListId", list,
                "shipping", Map.of("address", "Yunusobod 4"), "payment", Map.of("method", "CASH_ON_DELIVERY")), 201);
        String id = (String) mine.get("id");
        Map<?, ?> read = read("customer", "/api/orders/" + id + "?minPosition=" + position(mine), 200);
        assertThat(read.get("customerId")).isEqualTo("customer");
        // a customer orders for itself only
        assertThat(post("customer", "/api/orders", Map.of("lines", List.of(line(bread, 1)), "priceListId", list, "customerId", other,
                "shipping", Map.of("address", "x"), "payment", Map.of("method", "CASH_ON_DELIVERY")), 400).toString()).contains("customerId");
        // another customer: 404 to read or cancel, and its list holds none of mine
        queries().get().uri("/api/orders/" + id).header("Authorization", "Bearer " + otherToken).exchange().expectStatus().isNotFound();
        commands().post().uri("/api/orders/" + id + "/cancel").header("Authorization", "Bearer " + otherToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x")).exchange().expectStatus().isNotFound();
        Map<?, ?> theirs = queries().get().uri("/api/orders").header("Authorization", "Bearer " + otherToken).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(theirs.get("totalItems")).isEqualTo(0);
        Map<?, ?> own = read("customer", "/api/orders?customerId=" + other, 200);
        assertThat(((List<?>) own.get("items")).stream().map(o -> (Object) ((Map<?, ?>) o).get("customerId")).distinct().toList())
                .containsExactly((Object) "customer");
        // another tenant: no such order
        read("other-admin", "/api/orders/" + id, 404);
        post("other-admin", "/api/orders/" + id + "/cancel", Map.of("reason", "x"), 404);
        post("other-admin", "/api/orders/" + id + "/fulfil", Map.of(), 404);
        // the customer cancels its own before fulfilment
        Map<?, ?> cancelled = post("customer", "/api/orders/" + id + "/cancel", Map.of("reason", "no longer needed"), 200);
        assertThat(read("customer", "/api/orders/" + id + "?minPosition=" + position(cancelled), 200).get("status")).isEqualTo("CANCELLED");
        // roles: the cook and the auditor place nothing; the keeper reads
        post("cook", "/api/orders", invoice(line(bread, 1)), 403);
        post("auditor", "/api/orders", invoice(line(bread, 1)), 403);
        read("keeper", "/api/orders/" + id, 200);
        read("cook", "/api/orders/" + id, 403);
    }

    @Test
    void badOrdersAreRefusedWithTheFieldOrTheRule() {
        String archived = uniqueId("old");
        post("manager", "/api/catalog/products", Map.of("id", archived, "sku", archived, "name", "Eski", "unit", "pcs"), 201);
        String unpriced = uniqueId("np");
        post("manager", "/api/catalog/products", Map.of("id", unpriced, "sku", unpriced, "name", "Narxsiz", "unit", "pcs"), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", archived, "price", "1.00"))), 200);
        commands().delete().uri("/api/catalog/products/" + archived).header("Authorization", bearer("manager")).exchange().expectStatus().isOk();

        assertThat(errorsOf(post("manager", "/api/orders", invoice(line("no-such-product", 1)), 400)).toString()).contains("lines[0].productId");
        assertThat(post("manager", "/api/orders", invoice(line(archived, 1)), 409).get("code")).isEqualTo("PRODUCT_ARCHIVED");
        assertThat(post("manager", "/api/orders", invoice(line(unpriced, 1)), 409).get("code")).isEqualTo("PRICE_NOT_SET");
        assertThat(errorsOf(post("manager", "/api/orders", invoice(line(tea, 1), line(tea, 2)), 400)).toString()).contains("listed twice");
        assertThat(errorsOf(post("manager", "/api/orders", invoice(line(tea, 0)), 400)).toString()).contains("quantity");
        assertThat(errorsOf(post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 1)), "payment", Map.of("method", "BARTER")), 400))
                .toString()).contains("payment.method");
        assertThat(errorsOf(post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 1))), 400)).toString()).contains("payment");
        assertThat(errorsOf(post("manager", "/api/orders", Map.of("lines", List.of(), "payment", Map.of("method", "INVOICE")), 400))
                .toString()).contains("lines");
        assertThat(errorsOf(post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 1)), "priceListId", "no-such-list",
                "payment", Map.of("method", "INVOICE")), 400)).toString()).contains("priceListId");
        assertThat(errorsOf(post("manager", "/api/orders", Map.of("cartId", "c1", "payment", Map.of("method", "INVOICE")), 400))
                .toString()).contains("cartId");
        assertThat(errorsOf(post("manager", "/api/orders", Map.of("lines", List.of(line(tea, 1)), "priceListId", list,
                "payment", Map.of("method", "CASH_ON_DELIVERY")), 400)).toString()).contains("shipping");
        // an order id is used once
        String id = uniqueId("o");
        Map<String, Object> body = new java.util.HashMap<>(invoice(line(tea, 1)));
        body.put("id", id);
        post("manager", "/api/orders", body, 201);
        assertThat(post("manager", "/api/orders", body, 409).get("code")).isEqualTo("ALREADY_EXISTS");
        // status and channel filters are checked
        read("manager", "/api/orders?status=LOST", 400);
        read("manager", "/api/orders?channel=MAIL", 400);
        assertThat(errorsOf(put("manager", "/api/sales/settings", Map.of("reservationTtl", "PT1S"), 400)).toString()).contains("reservationTtl");
        assertThat(errorsOf(put("manager", "/api/sales/settings", Map.of("warehousePriority", List.of("nowhere")), 400)).toString())
                .contains("warehousePriority[0]");
        put("keeper", "/api/sales/settings", Map.of("reservationTtl", "PT15M"), 403);
    }

    @Test
    void anOrderPlacedByAServiceThatStopsBeforeItsPaymentStillConfirmsOrExpires() throws Exception {
        int port = HisobSystem.freePort();
        var extra = extraCommandService(port, Map.of());
        WebTestClient other = client("http://localhost:" + port);
        String managerToken = login(other, "manager");
        Map<?, ?> paid;
        Map<?, ?> unpaid;
        try {
            put("manager", "/api/sales/settings", Map.of("reservationTtl", "PT6S"), 200);
            paid = other.post().uri("/api/orders").header("Authorization", "Bearer " + managerToken).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(card(line(tea, 1))).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            unpaid = other.post().uri("/api/orders").header("Authorization", "Bearer " + managerToken).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(card(line(bread, 1))).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        } finally {
            put("manager", "/api/sales/settings", Map.of("reservationTtl", "PT15M"), 200);
            // the service that placed them stops: its deadlines and the order process are in the database
            extra.close();
        }
        payAtProvider((String) ((Map<?, ?>) paid.get("payment")).get("id"), "pm_card_visa");
        assertThat(awaitStatus((String) paid.get("id"), "CONFIRMED").get("status")).isEqualTo("CONFIRMED");
        Map<?, ?> expired = awaitStatus((String) unpaid.get("id"), "EXPIRED");
        assertThat(kinds(expired)).containsExactly("ORDER_PLACED", "ORDER_EXPIRED");
    }

    // ---------------------------------------------------------------- helpers

    /** A product of its own, priced in the test's list, 1 000 on hand at each warehouse. */
    static String product(String name, String price, Integer taxRatePct) {
        String id = uniqueId("p");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id, "sku", id, "name", name, "unit", "pcs"));
        if (taxRatePct != null) {
            body.put("taxRatePct", taxRatePct);
        }
        post("manager", "/api/catalog/products", body, 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", id, "price", price))), 200);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", north, "lines", List.of(line(id, 1000))), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", south, "lines", List.of(line(id, 1000))), 201);
        return id;
    }

    static Map<String, Object> line(String productId, long quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    static Map<String, Object> invoice(Object... lines) {
        return Map.of("lines", List.of(lines), "priceListId", list, "payment", Map.of("method", "INVOICE"));
    }

    static Map<String, Object> card(Map<String, Object> line) {
        return Map.of("lines", List.of(line), "priceListId", list, "payment", Map.of("method", "CARD"));
    }

    static Map<?, ?> post(String user, String path, Object body, int status) {
        return commands().post().uri(path).header("Authorization", bearer(user)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<?, ?> put(String user, String path, Object body, int status) {
        return commands().put().uri(path).header("Authorization", bearer(user)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<?, ?> read(String user, String path, int status) {
        return queries().get().uri(path).header("Authorization", bearer(user)).exchange().expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    static long position(Map<?, ?> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    static List<?> errorsOf(Map<?, ?> problem) {
        return (List<?>) problem.get("errors");
    }

    static Map<?, ?> stock(String location, String product) {
        List<?> items = (List<?>) read("keeper", "/api/inventory/stock?locationId=" + location + "&productId=" + product, 200).get("items");
        return items.isEmpty() ? Map.of("reserved", 0, "onHand", 0, "available", 0) : (Map<?, ?>) items.getFirst();
    }

    static List<String> allocations(Map<?, ?> order) {
        return ((List<?>) order.get("allocations")).stream().map(a -> (Map<?, ?>) a)
                .map(a -> a.get("locationId") + "/" + a.get("productId") + "/" + a.get("quantity")).toList();
    }

    static List<String> kinds(Map<?, ?> order) {
        return ((List<?>) order.get("history")).stream().map(h -> (String) ((Map<?, ?>) h).get("kind")).toList();
    }

    static Map<?, ?> awaitStatus(String orderId, String status) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> read("manager", "/api/orders/" + orderId, 200), o -> status.equals(o.get("status")));
    }

    /** What Stripe.js does in the customer's browser: confirms the intent with a card at the provider. */
    static int payAtProvider(String intent, String paymentMethod) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(system().stripe().url() + "/v1/payment_intents/" + intent + "/confirm"))
                .header("Authorization", "Bearer " + HisobSystem.STRIPE_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("payment_method=" + paymentMethod)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    static StripeStandIn.Delivery delivery(String intent, String type) {
        return system().stripe().deliveries().stream().filter(d -> d.type().equals(type) && d.body().contains(intent)).reduce((a, b) -> b)
                .orElse(null);
    }

    static Map<?, ?> webhook(String body, String signature, int status) {
        WebTestClient.RequestBodySpec spec = commands().post().uri("/api/payments/webhooks/stripe").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            spec = spec.header("Stripe-Signature", signature);
        }
        return spec.bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }
}
