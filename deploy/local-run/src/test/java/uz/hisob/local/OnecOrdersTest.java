package uz.hisob.local;

import org.junit.jupiter.api.Test;
import uz.hisob.onec.standin.OnecBase;
import uz.hisob.onec.standin.OnecStandIn;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uz.hisob.local.FieldApi.at;
import static uz.hisob.local.FieldApi.today;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Field orders of a linked project go to 1C (onec.md "Orders to 1C"): sent with PostOrder, once even when an answer
 * is lost, tried again while 1C is down, FAILED on its refusal until resent, and updated by its statuses.
 */
class OnecOrdersTest extends SystemTestSupport {

    private static OnecStandIn onec;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final OnecStandIns ONEC = new OnecStandIns(OnecBase::new, s -> onec = s);

    /** A linked project, a client and a product both 1C and Hisob know, a visit in progress to order in. */
    record Scene(FieldApi f, String product, String productCode, String visit) {
        Map<?, ?> order(long quantity) {
            return post(f.user1, "/api/visits/" + visit + "/orders", Map.of("lines", List.of(Map.of("productId", product, "quantity", quantity))), 201);
        }
    }

    static Scene scene(boolean productInOnec) throws Exception {
        String tag = Long.toString(System.nanoTime(), 36);
        String list = uniqueId("narx");
        post("manager", "/api/catalog/price-lists", Map.of("id", list, "name", "Narx " + tag, "currency", "UZS", "taxIncluded", true), 201);
        String product = uniqueId("choy");
        String productCode = "Т-" + tag;
        post("manager", "/api/catalog/products", Map.of("id", product, "sku", product, "name", "Ko'k choy 100 g", "unit", "pcs",
                "onecCode", productCode), 201);
        put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", product, "price", "15000.00"))), 200);
        String warehouse = uniqueId("ombor");
        post("manager", "/api/inventory/locations", Map.of("id", warehouse, "name", "Ombor", "kind", "WAREHOUSE"), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse, "lines", List.of(Map.of("productId", product, "quantity", 500))), 201);
        if (productInOnec) {
            onec.base().putProduct(new OnecBase.Product(productCode, "Чай зелёный 100 г", null, "pcs", null, null, List.of(), false));
        }
        onec.base().putClient(new OnecBase.Client("K-" + tag, "Baraka", null, null, null, null, null, null, List.of(), null, false));

        FieldApi f = FieldApi.project("FLAG");
        Map<String, Object> link = OnecSyncTest.link(onec, "parol-1c");
        link.put("exchangeLogin", "sayt");
        link.put("exchangePassword", "sayt-parol");
        put("admin", "/api/projects/" + f.project, Map.of("name", "Loyiha " + f.project, "geofence", Map.of("radiusMeters", 150, "policy", "FLAG"),
                "onec", link), 200);
        Map<String, Object> client = new HashMap<>(Map.of("name", "Baraka do'koni", "agentIds", List.of(f.agent1), "priceListId", list,
                "onecCode", "K-" + tag, "location", Map.of("lat", FieldApi.LAT, "lon", FieldApi.LON)));
        String shop = (String) post("manager", f.path("/clients"), client, 201).get("id");
        String visit = f.plan(shop, f.agent1, today());
        post(f.user1, "/api/visits/" + visit + "/check-in", Map.of("location", at(10, 5)), 200);
        return new Scene(f, product, productCode, visit);
    }

    static Map<?, ?> onecOf(String orderId, String status) {
        Map<?, ?>[] onecPart = new Map<?, ?>[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<?, ?> order = read("manager", "/api/orders/" + orderId, 200);
            onecPart[0] = (Map<?, ?>) order.get("onec");
            return onecPart[0] != null && status.equals(onecPart[0].get("status"));
        });
        return onecPart[0];
    }

    @Test
    void aFieldOrderIsSentOnceEvenWhenTheAnswerIsLostAndTakesOnecsNumberAndStatuses() throws Exception {
        Scene s = scene(true);
        int created = onec.base().ordersCreated();
        // 1C takes the order, but its answer comes after the 2 s timeout: the same call goes to the alternative at once
        onec.fault(OnecStandIn.Endpoint.PRIMARY, "PostOrder", "lost", 1, 3000);
        Map<?, ?> placed = s.order(4);
        String orderId = (String) placed.get("id");
        Map<?, ?> sent = onecOf(orderId, "SENT");
        OnecBase.Order inOnec = onec.base().order(orderId);
        assertThat(inOnec).isNotNull();
        assertThat(sent.get("number")).isEqualTo(inOnec.number());
        assertThat(sent.get("attempts")).isEqualTo(1);
        assertThat(onec.base().ordersCreated()).isEqualTo(created + 1);
        assertThat(inOnec.lines()).containsExactly(new OnecBase.OrderLine(s.productCode(), 4, new java.math.BigDecimal("15000.00")));
        assertThat(inOnec.clientCode()).startsWith("K-");
        assertThat(inOnec.currency()).isEqualTo("UZS");

        // 1C ships it: the next run brings the status
        onec.base().setOrderStatus(orderId, "SHIPPED", java.time.Instant.now());
        Map<?, ?> run = OnecSyncTest.finished(s.f().project, OnecSyncTest.sync(s.f().project, Map.of("entities", List.of("prices"))));
        assertThat(((Map<?, ?>) ((Map<?, ?>) run.get("entities")).get("orderStatuses")).get("updated")).isEqualTo(1);
        assertThat(onecOf(orderId, "SENT").get("onecStatus")).isEqualTo("SHIPPED");
    }

    @Test
    void whileOnecIsDownTheOrderWaitsAndIsSentWhenItIsBack() throws Exception {
        Scene s = scene(true);
        onec.down(OnecStandIn.Endpoint.PRIMARY);
        onec.down(OnecStandIn.Endpoint.ALTERNATIVE);
        String orderId = (String) s.order(2).get("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<?, ?> o = (Map<?, ?>) read("manager", "/api/orders/" + orderId, 200).get("onec");
            return o != null && ((Number) o.get("attempts")).intValue() >= 2;
        });
        Map<?, ?> waiting = (Map<?, ?>) read("manager", "/api/orders/" + orderId, 200).get("onec");
        assertThat(waiting.get("status")).isEqualTo("PENDING");
        assertThat((String) waiting.get("lastError")).contains("unavailable");
        assertThat(onec.base().order(orderId)).isNull();
        onec.clear(OnecStandIn.Endpoint.PRIMARY);
        onec.clear(OnecStandIn.Endpoint.ALTERNATIVE);
        Map<?, ?> sent = onecOf(orderId, "SENT");
        assertThat(sent.get("number")).isEqualTo(onec.base().order(orderId).number());
        assertThat(((Number) sent.get("attempts")).intValue()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aStock1cTakesTheFieldOrdersInCommerceMlAndAcknowledgesThem() throws Exception {
        Scene s = scene(true);
        String orderId = (String) s.order(3).get("id");
        onecOf(orderId, "SENT");
        String project = s.f().project;
        String auth = CommerceMlTest.basic("sayt", "sayt-parol");
        String session = CommerceMlTest.call(project, "type=sale&mode=checkauth", auth, null, null, 200).split("\n")[2];
        assertThat(CommerceMlTest.call(project, "type=sale&mode=init", auth, session, null, 200)).startsWith("zip=no\nfile_limit=");
        String document = CommerceMlTest.call(project, "type=sale&mode=query", auth, session, null, 200);
        assertThat(document).startsWith("<?xml version='1.0' encoding='UTF-8'?><КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\"")
                .contains("<Ид>" + orderId + "</Ид>").contains("<ХозОперация>Заказ товара</ХозОперация>")
                .contains("<Ид>" + s.productCode() + "</Ид>").contains("<ЦенаЗаЕдиницу>15000.00</ЦенаЗаЕдиницу><Количество>3</Количество>")
                .contains("<Сумма>45000.00</Сумма>").contains("<Роль>Покупатель</Роль>");
        // parsed back as XML: one document per order
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document parsed = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(parsed.getElementsByTagNameNS("urn:1C.ru:commerceml_2", "Документ").getLength()).isEqualTo(1);
        assertThat(CommerceMlTest.call(project, "type=sale&mode=success", auth, session, null, 200)).isEqualTo("success\n");
        // acknowledged: not handed again
        assertThat(CommerceMlTest.call(project, "type=sale&mode=query", auth, session, null, 200)).doesNotContain(orderId);
        assertThat(CommerceMlTest.call(project, "type=sale&mode=query", CommerceMlTest.basic("sayt", "no"), session, null, 401)).contains("UNAUTHENTICATED");
    }

    @Test
    void aRefusedOrderIsFailedWithTheReasonUntilResent() throws Exception {
        Scene s = scene(false);
        String orderId = (String) s.order(1).get("id");
        Map<?, ?> failed = onecOf(orderId, "FAILED");
        assertThat((String) failed.get("lastError")).contains(s.productCode());
        post(s.f().user1, "/api/orders/" + orderId + "/onec/resend", Map.of(), 403);
        // 1C gets the product; the manager sends the order again
        onec.base().putProduct(new OnecBase.Product(s.productCode(), "Чай", null, "pcs", null, null, List.of(), false));
        post("manager", "/api/orders/" + orderId + "/onec/resend", Map.of(), 200);
        assertThat(onecOf(orderId, "SENT").get("number")).isEqualTo(onec.base().order(orderId).number());
        assertThat(post("manager", "/api/orders/" + orderId + "/onec/resend", Map.of(), 409).get("code")).isEqualTo("NOT_FAILED");
        post("manager", "/api/orders/no-such-order/onec/resend", Map.of(), 404);
    }
}
