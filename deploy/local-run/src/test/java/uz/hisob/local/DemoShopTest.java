package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The run command's demo shops, booked through the API: two warehouses and two shops in Tashkent, 300 products in 20
 * categories with Uzbek and Russian names and valid EAN-13 barcodes, a default UZS price list pricing every product,
 * and a month of stock work whose movements add up to the stock.
 */
class DemoShopTest extends SystemTestSupport {

    @Test
    void theDemoOrdersShowEveryWayAnOrderGoes() {
        DemoShop.ensure(system().commandUrl(), system().queryUrl());
        DemoOrders.ensure(system().commandUrl(), system().queryUrl(), system().stripe().url());
        long head = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(read("customer", "/api/orders/" + DemoOrders.COD + "?minPosition=" + head, 200).get("status")).isEqualTo("CONFIRMED");
        assertThat(read("customer", "/api/orders/" + DemoOrders.UNPAID, 200).get("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(read("customer", "/api/orders/" + DemoOrders.FULFILLED, 200).get("status")).isEqualTo("COMPLETED");
        assertThat(read("customer", "/api/orders/" + DemoOrders.CANCELLED, 200).get("status")).isEqualTo("CANCELLED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(read("customer", "/api/orders/" + DemoOrders.PAID, 200).get("status")).isEqualTo("CONFIRMED"));
        long orders = ((Number) read("manager", "/api/orders?customerId=customer", 200).get("totalItems")).longValue();
        assertThat(orders).isGreaterThanOrEqualTo(5);
        // once: a second run finds them and places nothing
        DemoOrders.ensure(system().commandUrl(), system().queryUrl(), system().stripe().url());
        long after = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(((Number) read("manager", "/api/orders?customerId=customer&minPosition=" + after, 200).get("totalItems")).longValue())
                .isEqualTo(orders);
    }

    @Test
    void theDemoShopsHoldWhatTheRunCommandPromises() {
        DemoShop.ensure(system().commandUrl(), system().queryUrl());
        long head = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        String wait = "minPosition=" + head;

        List<?> locations = (List<?>) read("manager", "/api/inventory/locations?size=200&" + wait, 200).get("items");
        assertThat(CatalogTest.values(locations, "id")).contains(DemoShop.WAREHOUSE, DemoShop.SECOND_WAREHOUSE,
                DemoShop.SHOPS.get(0), DemoShop.SHOPS.get(1));

        List<?> categories = (List<?>) read("manager", "/api/catalog/categories?" + wait, 200).get("items");
        List<?> demoCategories = categories.stream().filter(c -> ((Number) ((Map<?, ?>) c).get("productCount")).intValue() == 15).toList();
        assertThat(demoCategories).hasSizeGreaterThanOrEqualTo(20);
        long products = ((Number) read("manager", "/api/catalog/products?categoryId=choy&" + wait, 200).get("totalItems")).longValue();
        assertThat(products).isEqualTo(15);
        Set<String> scripts = new HashSet<>();
        int total = 0;
        for (int page = 0; page < 2; page++) {
            for (Object p : (List<?>) read("manager", "/api/catalog/products?size=200&page=" + page + "&q=HS-", 200).get("items")) {
                String name = (String) ((Map<?, ?>) p).get("name");
                scripts.add(name.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC) ? "cyrillic" : "latin");
                String barcode = (String) ((List<?>) ((Map<?, ?>) p).get("barcodes")).getFirst();
                assertThat(barcode).hasSize(13).startsWith("478");
                int sum = 0;
                for (int i = 0; i < 13; i++) {
                    sum += (barcode.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
                }
                assertThat(sum % 10).as("EAN-13 check digit of %s", barcode).isZero();
                total++;
            }
        }
        assertThat(total).isEqualTo(300);
        assertThat(scripts).containsExactlyInAnyOrder("latin", "cyrillic");

        Map<?, ?> list = read("manager", "/api/catalog/price-lists/" + DemoShop.PRICE_LIST, 200);
        assertThat(list.get("default")).isEqualTo(true);
        assertThat(list.get("currency")).isEqualTo("UZS");
        assertThat(((Number) read("manager", "/api/catalog/price-lists/" + DemoShop.PRICE_LIST + "/prices?size=1", 200)
                .get("totalItems")).longValue()).isEqualTo(300);

        // a month of stock work at every location, of every kind, adding up to the stock
        for (String location : List.of(DemoShop.WAREHOUSE, DemoShop.SECOND_WAREHOUSE, DemoShop.SHOPS.get(0), DemoShop.SHOPS.get(1))) {
            Map<?, ?> stock = read("keeper", "/api/inventory/stock?size=1&locationId=" + location, 200);
            assertThat(((Number) stock.get("totalItems")).longValue()).as("products held at %s", location).isGreaterThan(50);
            List<Map<String, Object>> mismatches = queryDb().queryForList("SELECT s.product_id FROM inventory_stock s "
                    + "LEFT JOIN (SELECT product_id, sum(on_hand_delta) AS on_hand FROM inventory_movement WHERE tenant = 'demo' "
                    + "AND location_id = ? GROUP BY product_id) m ON m.product_id = s.product_id "
                    + "WHERE s.tenant = 'demo' AND s.location_id = ? AND s.on_hand IS DISTINCT FROM COALESCE(m.on_hand, 0)", location, location);
            assertThat(mismatches).as("movements that do not add up at %s", location).isEmpty();
        }
        List<String> kinds = queryDb().queryForList("SELECT DISTINCT kind FROM inventory_movement WHERE tenant = 'demo' AND location_id IN (?, ?, ?, ?)",
                String.class, DemoShop.WAREHOUSE, DemoShop.SECOND_WAREHOUSE, DemoShop.SHOPS.get(0), DemoShop.SHOPS.get(1));
        assertThat(kinds).contains("RECEIPT", "TRANSFER_OUT", "TRANSFER_IN", "LOSS", "WRITE_OFF", "COUNT_ADJUSTMENT");
        assertThat((List<?>) read("manager", "/api/inventory/stock?belowMinimum=true&locationId=" + DemoShop.SHOPS.get(0), 200).get("items"))
                .as("a shop has products below their minimum").isNotEmpty();
        // costs and prices are per unit of the product: a gram of rice costs a few so'm, not thousands
        Map<?, ?> rice = (Map<?, ?>) ((List<?>) read("manager", "/api/analytics/stock-value/products?locationId=" + DemoShop.WAREHOUSE
                + "&productId=guruch-1-2", 200).get("items")).getFirst();
        assertThat(new java.math.BigDecimal((String) rice.get("unitCost"))).isBetween(java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(100));
        Map<?, ?> ricePrice = (Map<?, ?>) ((List<?>) read("manager", "/api/catalog/price-lists/" + DemoShop.PRICE_LIST
                + "/prices?productId=guruch-1-2", 200).get("items")).getFirst();
        assertThat(new java.math.BigDecimal((String) ricePrice.get("price"))).isBetween(java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(100));

        // and it is done once
        DemoShop.ensure(system().commandUrl(), system().queryUrl());
        assertThat(((Number) read("manager", "/api/catalog/products?categoryId=choy", 200).get("totalItems")).longValue()).isEqualTo(15);
    }
}
