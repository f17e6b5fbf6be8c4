package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.FieldApi.at;
import static uz.hisob.local.FieldApi.today;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Orders taken in field visits (commerce.md, {@code POST /api/visits/{v}/orders}): the visit's agent while it is in
 * progress, for the visit's client, priced from the client's price list, paid by invoice; and the visit KPIs that
 * count them.
 */
class FieldOrdersTest extends SystemTestSupport {

    static long position(Map<?, ?> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    @Test
    void theVisitsAgentOrdersForItsClientFromTheClientsPriceListWhileTheVisitIsInProgress() throws Exception {
        // the client's own list (wholesale), besides the tenant's default
        String wholesale = uniqueId("ulgurji");
        post("manager", "/api/catalog/price-lists", Map.of("id", wholesale, "name", "Ulgurji", "currency", "UZS", "taxIncluded", true), 201);
        String product = uniqueId("sok");
        post("manager", "/api/catalog/products", Map.of("id", product, "sku", product, "name", "Olma sharbati 1 l", "unit", "pcs",
                "taxRatePct", 12), 201);
        put("manager", "/api/catalog/price-lists/" + wholesale + "/prices", Map.of("prices", List.of(Map.of("productId", product,
                "price", "11200.00"))), 200);
        String warehouse = uniqueId("ombor");
        post("manager", "/api/inventory/locations", Map.of("id", warehouse, "name", "Dala ombori", "kind", "WAREHOUSE"), 201);
        post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse, "lines", List.of(Map.of("productId", product, "quantity", 100))), 201);

        FieldApi f = FieldApi.project("FLAG");
        Map<String, Object> client = new HashMap<>(Map.of("name", "Baraka do'koni", "agentIds", List.of(f.agent1), "priceListId", wholesale,
                "location", Map.of("lat", FieldApi.LAT, "lon", FieldApi.LON)));
        String shop = (String) post("manager", f.path("/clients"), client, 201).get("id");
        String visit = f.plan(shop, f.agent1, today());
        Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", product, "quantity", 10)), "note", "Ertaga olib keling");

        // before the check-in: not yet
        assertThat(post(f.user1, "/api/visits/" + visit + "/orders", order, 409).get("code")).isEqualTo("VISIT_NOT_IN_PROGRESS");
        post(f.user1, "/api/visits/" + visit + "/check-in", Map.of("location", at(10, 5)), 200);
        // another agent, the manager and an unknown visit
        post(f.user2, "/api/visits/" + visit + "/orders", order, 403);
        post("manager", "/api/visits/" + visit + "/orders", order, 403);
        post(f.user1, "/api/visits/no-such-visit/orders", order, 404);
        assertThat(post(f.user1, "/api/visits/" + visit + "/orders", Map.of("lines", List.of()), 400).toString()).contains("lines");

        Map<?, ?> placed = post(f.user1, "/api/visits/" + visit + "/orders", order, 201);
        assertThat(placed.get("status")).isEqualTo("CONFIRMED");
        // 10 × 11 200.00, tax included
        assertThat(placed.get("total")).isEqualTo("112000.00");
        Map<?, ?> read = read("manager", "/api/orders/" + placed.get("id") + "?minPosition=" + position(placed), 200);
        assertThat(read.get("channel")).isEqualTo("FIELD");
        assertThat(read.get("clientId")).isEqualTo(shop);
        assertThat(read.get("visitId")).isEqualTo(visit);
        assertThat(read.get("priceListId")).isEqualTo(wholesale);
        assertThat(read.get("paymentMethod")).isEqualTo("INVOICE");
        assertThat(read.get("taxTotal")).isEqualTo("12000.00");
        assertThat(read.get("note")).isEqualTo("Ertaga olib keling");
        assertThat(((Map<?, ?>) read("manager", "/api/orders?clientId=" + shop + "&channel=FIELD", 200)).get("totalItems")).isEqualTo(1);

        // the visit is struck: its KPIs count the order
        Map<?, ?> out = f.complete(f.user1, visit, 10);
        Map<?, ?> kpis = read("manager", f.path("/kpis?from=" + today() + "&to=" + today() + "&minPosition=" + position(out)), 200);
        Map<?, ?> totals = (Map<?, ?>) kpis.get("totals");
        assertThat(totals.get("orders")).isEqualTo(1);
        assertThat(totals.get("ordersTotal")).isEqualTo("112000.00");
        assertThat(totals.get("strikeRatePct")).isEqualTo(100.0);
        // after the check-out: no more orders in this visit
        assertThat(post(f.user1, "/api/visits/" + visit + "/orders", order, 409).get("code")).isEqualTo("VISIT_NOT_IN_PROGRESS");
    }
}
