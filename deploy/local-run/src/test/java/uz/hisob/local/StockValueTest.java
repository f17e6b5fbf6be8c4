package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The stock value read model ({@code GET /api/analytics/stock-value}): on hand at the moving-average cost of the
 * receipts, what leaves leaving at the average, a transfer carrying the source's average to the destination.
 */
class StockValueTest extends SystemTestSupport {

    static Map<?, ?> cost(String location, String product, long minPosition) {
        List<?> items = (List<?>) read("manager", "/api/analytics/stock-value/products?locationId=" + location + "&productId=" + product
                + "&minPosition=" + minPosition, 200).get("items");
        return items.isEmpty() ? Map.of() : (Map<?, ?>) items.getFirst();
    }

    static long position(Map<?, ?> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void stockIsValuedAtTheMovingAverageOfItsReceipts() {
        String warehouse = InventoryTransfersTest.location("WAREHOUSE");
        String shop = InventoryTransfersTest.location("SHOP");
        post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse,
                "lines", List.of(Map.of("productId", "asal", "quantity", 10, "unitCost", "1000.00"), line("tuz", 3))), 201);
        long p = position(post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse,
                "lines", List.of(Map.of("productId", "asal", "quantity", 10, "unitCost", "2000"))), 201));
        assertThat(cost(warehouse, "asal", p)).isEqualTo(Map.of("locationId", warehouse, "productId", "asal", "onHand", 20,
                "unitCost", "1500.00", "value", "30000.00", "currency", "UZS"));

        // what leaves, leaves at the average, which stays
        p = position(post("keeper", "/api/inventory/write-offs", Map.of("locationId", warehouse, "reason", "singan",
                "lines", List.of(line("asal", 5))), 201));
        assertThat(cost(warehouse, "asal", p).get("value")).isEqualTo("22500.00");
        String transfer = uniqueId("tr");
        post("keeper", "/api/inventory/transfers", Map.of("id", transfer, "fromLocationId", warehouse, "toLocationId", shop,
                "lines", List.of(line("asal", 5))), 201);
        p = position(post("keeper", "/api/inventory/transfers/" + transfer + "/receive", Map.of("lines", List.of()), 200));
        assertThat(cost(warehouse, "asal", p).get("value")).isEqualTo("15000.00");
        // the goods arrive at the cost they left at, and a new receipt moves the shop's average
        assertThat(cost(shop, "asal", p).get("unitCost")).isEqualTo("1500.00");
        p = position(post("keeper", "/api/inventory/receipts", Map.of("locationId", shop,
                "lines", List.of(Map.of("productId", "asal", "quantity", 5, "unitCost", "3000.00"))), 201));
        assertThat(cost(shop, "asal", p)).isEqualTo(Map.of("locationId", shop, "productId", "asal", "onHand", 10,
                "unitCost", "2250.00", "value", "22500.00", "currency", "UZS"));
        // a count that finds less takes the difference at the average
        p = position(post("keeper", "/api/inventory/counts", Map.of("locationId", warehouse, "lines", List.of(line("asal", 8))), 201));
        assertThat(cost(warehouse, "asal", p).get("value")).isEqualTo("12000.00");

        // per location: the costed products' value, and how many have no cost
        List<Object> byLocation = (List<Object>) read("auditor", "/api/analytics/stock-value?locationId=" + warehouse + "&minPosition=" + p, 200)
                .get("items");
        assertThat(byLocation).contains(Map.of("locationId", warehouse, "currency", "UZS", "value", "12000.00", "products", 1,
                "productsWithoutCost", 0));
        assertThat(byLocation.stream().map(v -> (Map<?, ?>) v).filter(v -> v.get("currency") == null).findFirst().orElseThrow()
                .get("productsWithoutCost")).isEqualTo(1);
        assertThat(cost(warehouse, "tuz", p).get("unitCost")).isNull();
        Map<?, ?> beyond = read("manager", "/api/analytics/stock-value/products?locationId=" + warehouse + "&page=9&size=1", 200);
        assertThat(List.of(beyond.get("items"), beyond.get("totalItems"))).isEqualTo(List.of(List.of(), 2));

        // roles and tenancy
        read("keeper", "/api/analytics/stock-value", 403);
        read("cook", "/api/analytics/stock-value", 403);
        assertThat((List<?>) read("other-admin", "/api/analytics/stock-value?locationId=" + warehouse, 200).get("items")).isEmpty();
    }
}
