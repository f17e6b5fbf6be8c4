package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.errorsOf;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The catalogue over HTTP (commerce.md, "Catalogue"): categories as a tree, products with unique SKU and barcodes,
 * archive and restore, price lists with one default and prices as versions read {@code asOf}; refusals and roles.
 */
class CatalogTest extends SystemTestSupport {

    static Map<?, ?> delete(String user, String path, int status) {
        return commands().delete().uri(path).header("Authorization", bearer(user)).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The values of {@code key} in a list of objects. */
    static List<Object> values(Object items, String key) {
        return ((List<?>) items).stream().map(i -> (Object) ((Map<?, ?>) i).get(key)).toList();
    }

    static long position(Map<?, ?> answer) {
        return ((Number) answer.get("position")).longValue();
    }

    static Map<String, Object> product(String sku, String name, String categoryId, String... barcodes) {
        Map<String, Object> p = new HashMap<>(Map.of("sku", sku, "name", name, "unit", "pcs", "barcodes", List.of(barcodes)));
        if (categoryId != null) {
            p.put("categoryId", categoryId);
        }
        return p;
    }

    @Test
    void categoriesFormATreeAndOnlyAnEmptyOneIsDeleted() {
        String food = uniqueId("oziq");
        String bread = uniqueId("non");
        post("manager", "/api/catalog/categories", Map.of("id", food, "name", "Oziq-ovqat"), 201);
        post("admin", "/api/catalog/categories", Map.of("id", bread, "name", "Non mahsulotlari", "parentId", food), 201);
        Map<?, ?> drinks = post("manager", "/api/catalog/categories", Map.of("name", "Напитки"), 201);
        String drinksId = (String) drinks.get("id");
        String sku = uniqueId("sku");
        long position = position(post("manager", "/api/catalog/products", product(sku, "Patir non", bread), 201));

        List<?> tree = (List<?>) read("keeper", "/api/catalog/categories?minPosition=" + position, 200).get("items");
        Map<?, ?> foodNode = tree.stream().map(n -> (Map<?, ?>) n).filter(n -> food.equals(n.get("id"))).findFirst().orElseThrow();
        Map<?, ?> breadNode = (Map<?, ?>) ((List<?>) foodNode.get("children")).getFirst();
        assertThat(breadNode.get("id")).isEqualTo(bread);
        assertThat(breadNode.get("productCount")).isEqualTo(1);
        assertThat(values(tree, "id")).contains(drinksId).doesNotContain(bread);

        // never under itself; never under an unknown parent
        assertThat(errorsOf(put("manager", "/api/catalog/categories/" + food, Map.of("name", "Oziq", "parentId", bread), 400))
                .toString()).contains("parentId");
        assertThat(errorsOf(post("manager", "/api/catalog/categories", Map.of("name", "X", "parentId", "yoq"), 400)).toString())
                .contains("parentId");
        put("manager", "/api/catalog/categories/" + uniqueId("yoq"), Map.of("name", "X"), 404);
        // not empty while it holds a category or a product
        Map<?, ?> notEmpty = delete("manager", "/api/catalog/categories/" + food, 409);
        assertThat(notEmpty.get("code")).isEqualTo("CATEGORY_NOT_EMPTY");
        assertThat(delete("manager", "/api/catalog/categories/" + bread, 409).get("code")).isEqualTo("CATEGORY_NOT_EMPTY");
        // moved to the top, the bread category leaves food empty
        put("manager", "/api/catalog/categories/" + bread, Map.of("name", "Non"), 200);
        position = position(delete("manager", "/api/catalog/categories/" + food, 200));
        List<?> after = (List<?>) read("auditor", "/api/catalog/categories?minPosition=" + position, 200).get("items");
        assertThat(values(after, "id")).contains(bread).doesNotContain(food);
        delete("manager", "/api/catalog/categories/" + food, 404);
        // roles
        post("keeper", "/api/catalog/categories", Map.of("name", "X"), 403);
        post("auditor", "/api/catalog/categories", Map.of("name", "X"), 403);
        delete("cook", "/api/catalog/categories/" + bread, 403);
        read("cook", "/api/catalog/categories", 403);
        assertThat((List<?>) read("other-admin", "/api/catalog/categories", 200).get("items"))
                .noneMatch(n -> bread.equals(((Map<?, ?>) n).get("id")));
    }

    @Test
    void productsHaveUniqueKeysAndAreArchivedAndRestored() {
        String category = uniqueId("ichimlik");
        post("manager", "/api/catalog/categories", Map.of("id", category, "name", "Ichimliklar"), 201);
        String id = uniqueId("choy");
        String sku = uniqueId("CHOY");
        String barcode = "478" + System.nanoTime();
        Map<String, Object> body = product(sku, "Ko'k choy 100 g", category, barcode);
        body.put("id", id);
        body.put("taxRatePct", 12);
        body.put("attributes", Map.of("brend", "Chortoq"));
        body.put("onecCode", "00-000123");
        body.put("description", "Зелёный чай");
        Map<?, ?> created = post("manager", "/api/catalog/products", body, 201);
        assertThat(created.get("id")).isEqualTo(id);

        Map<?, ?> read = read("keeper", "/api/catalog/products/" + id + "?minPosition=" + position(created), 200);
        assertThat(read.get("sku")).isEqualTo(sku);
        assertThat(read.get("barcodes")).isEqualTo(List.of(barcode));
        assertThat(read.get("taxRatePct")).isEqualTo(12.0);
        assertThat(read.get("attributes")).isEqualTo(Map.of("brend", "Chortoq"));
        assertThat(read.get("unit")).isEqualTo("pcs");
        assertThat(read.get("archived")).isEqualTo(false);
        assertThat(read.get("rating")).isNull();
        // found by a part of its name, its SKU, its barcode, its 1C code, and its category
        for (String q : List.of("choy 100", sku.toLowerCase(), barcode, "00-000123")) {
            assertThat(values(read("manager", "/api/catalog/products?q=" + q, 200).get("items"), "id")).as("q=%s", q).contains(id);
        }
        assertThat(values(read("manager", "/api/catalog/products?categoryId=" + category, 200).get("items"), "id")).containsExactly(id);
        // a page beyond the last is empty and still tells how many there are
        Map<?, ?> beyond = read("manager", "/api/catalog/products?categoryId=" + category + "&page=3&size=1", 200);
        assertThat(List.of(beyond.get("items"), beyond.get("totalItems"), beyond.get("totalPages"))).isEqualTo(List.of(List.of(), 1, 1));
        assertThat(read("manager", "/api/catalog/products?q=%25", 200).get("items")).isNotNull();

        // SKU and barcodes are the tenant's, once
        Map<?, ?> taken = post("manager", "/api/catalog/products", product(sku, "Boshqa", null), 409);
        assertThat(taken.get("code")).isEqualTo("ALREADY_EXISTS");
        assertThat(taken.get("detail").toString()).contains(id);
        assertThat(post("manager", "/api/catalog/products", product(uniqueId("X"), "Boshqa", null, barcode), 409).get("code"))
                .isEqualTo("ALREADY_EXISTS");
        // another tenant has its own
        post("other-admin", "/api/catalog/products", product(sku, "Boshqa", null, barcode), 201);
        // refusals
        assertThat(errorsOf(post("manager", "/api/catalog/products", Map.of("sku", uniqueId("X"), "name", "X", "unit", "kg"), 400))
                .toString()).contains("unit");
        assertThat(errorsOf(post("manager", "/api/catalog/products", Map.of("name", "X", "unit", "pcs"), 400)).toString()).contains("sku");
        assertThat(errorsOf(post("manager", "/api/catalog/products", Map.of("sku", uniqueId("X"), "name", "X", "unit", "g",
                "categoryId", "yoq"), 400)).toString()).contains("categoryId");
        assertThat(errorsOf(post("manager", "/api/catalog/products", Map.of("sku", uniqueId("X"), "name", "X", "unit", "g",
                "taxRatePct", 101), 400)).toString()).contains("taxRatePct");
        assertThat(errorsOf(post("manager", "/api/catalog/products", Map.of("sku", uniqueId("X"), "name", "X", "unit", "g",
                "barcodes", List.of("has space")), 400)).toString()).contains("barcodes");
        post("keeper", "/api/catalog/products", product(uniqueId("X"), "X", null), 403);
        post("auditor", "/api/catalog/products", product(uniqueId("X"), "X", null), 403);

        // an update replaces the details, never the unit
        Map<String, Object> renamed = product(sku, "Ko'k choy 200 g", category, barcode, barcode + "1");
        put("manager", "/api/catalog/products/" + id, renamed, 200);
        Map<String, Object> grams = new HashMap<>(renamed);
        grams.put("unit", "g");
        assertThat(put("manager", "/api/catalog/products/" + id, grams, 409).get("code")).isEqualTo("UNIT_CHANGE_NOT_ALLOWED");
        put("manager", "/api/catalog/products/" + uniqueId("yoq"), renamed, 404);
        put("keeper", "/api/catalog/products/" + id, renamed, 403);

        // archived: hidden from the list, still readable with its history, not editable, its SKU kept
        long position = position(delete("manager", "/api/catalog/products/" + id, 200));
        assertThat(((List<?>) read("manager", "/api/catalog/products?categoryId=" + category + "&minPosition=" + position, 200)
                .get("items"))).isEmpty();
        assertThat(values(read("manager", "/api/catalog/products?archived=true&categoryId=" + category, 200).get("items"), "id"))
                .containsExactly(id);
        assertThat(read("manager", "/api/catalog/products/" + id, 200).get("archived")).isEqualTo(true);
        assertThat(put("manager", "/api/catalog/products/" + id, renamed, 409).get("code")).isEqualTo("PRODUCT_ARCHIVED");
        assertThat(post("manager", "/api/catalog/products", product(sku, "Yana", null), 409).get("code")).isEqualTo("ALREADY_EXISTS");
        delete("manager", "/api/catalog/products/" + id, 200);
        delete("keeper", "/api/catalog/products/" + id, 403);
        position = position(post("manager", "/api/catalog/products/" + id + "/restore", Map.of(), 200));
        Map<?, ?> restored = read("manager", "/api/catalog/products/" + id + "?minPosition=" + position, 200);
        assertThat(restored.get("archived")).isEqualTo(false);
        assertThat(restored.get("name")).isEqualTo("Ko'k choy 200 g");
        assertThat(restored.get("barcodes")).isEqualTo(List.of(barcode, barcode + "1"));
        post("manager", "/api/catalog/products/" + uniqueId("yoq") + "/restore", Map.of(), 404);
        read("manager", "/api/catalog/products/" + uniqueId("yoq"), 404);
        read("other-admin", "/api/catalog/products/" + id, 404);
        read("cook", "/api/catalog/products", 403);
    }

    @Test
    void priceListsHaveOneDefaultAndPricesAreVersions() {
        String productId = uniqueId("olma");
        post("manager", "/api/catalog/products", Map.of("id", productId, "sku", uniqueId("OLMA"), "name", "Olma", "unit", "g"), 201);
        String retail = uniqueId("chakana");
        String wholesale = uniqueId("ulgurji");
        post("manager", "/api/catalog/price-lists", Map.of("id", retail, "name", "Chakana", "currency", "UZS", "taxIncluded", true,
                "default", true), 201);
        long position = position(post("manager", "/api/catalog/price-lists", Map.of("id", wholesale, "name", "Ulgurji",
                "currency", "UZS", "taxIncluded", false), 201));
        Map<?, ?> list = read("keeper", "/api/catalog/price-lists/" + retail + "?minPosition=" + position, 200);
        assertThat(list.get("default")).isEqualTo(true);
        assertThat(read("keeper", "/api/catalog/price-lists/" + wholesale, 200).get("default")).isEqualTo(false);
        // the default moves to another list, and is never taken away
        assertThat(put("manager", "/api/catalog/price-lists/" + retail, Map.of("name", "Chakana", "taxIncluded", true, "default", false), 409)
                .get("code")).isEqualTo("DEFAULT_PRICE_LIST_REQUIRED");
        position = position(put("manager", "/api/catalog/price-lists/" + wholesale, Map.of("name", "Ulgurji", "taxIncluded", false,
                "default", true), 200));
        List<?> lists = (List<?>) read("manager", "/api/catalog/price-lists?size=200&minPosition=" + position, 200).get("items");
        assertThat(lists.stream().map(l -> (Map<?, ?>) l).filter(l -> Boolean.TRUE.equals(l.get("default"))).map(l -> (Object) l.get("id")).toList())
                .containsExactly(wholesale);
        // {"default":true} alone moves it back, and leaves the rest as it was
        position = position(put("manager", "/api/catalog/price-lists/" + retail, Map.of("default", true), 200));
        Map<?, ?> back = read("keeper", "/api/catalog/price-lists/" + retail + "?minPosition=" + position, 200);
        assertThat(List.of(back.get("default"), back.get("name"), back.get("taxIncluded"))).isEqualTo(List.of(true, "Chakana", true));
        assertThat(read("keeper", "/api/catalog/price-lists/" + wholesale, 200).get("default")).isEqualTo(false);
        assertThat(InventoryCommandsTest.errorsOf(put("manager", "/api/catalog/price-lists/" + retail, Map.of("name", " "), 400))
                .toString()).contains("name");

        // prices: versions, never overwritten; what was valid at an instant stays so
        Map<?, ?> first = put("manager", "/api/catalog/price-lists/" + retail + "/prices",
                Map.of("prices", List.of(Map.of("productId", productId, "price", "12500"))), 200);
        // after the first version's validFrom (the server's clock when it was set), before the second's
        Instant between = Instant.now();
        Instant future = Instant.now().plusSeconds(3600);
        Map<?, ?> second = put("manager", "/api/catalog/price-lists/" + retail + "/prices", Map.of("prices", List.of(
                Map.of("productId", productId, "price", "13000.5"),
                Map.of("productId", productId, "price", "14000", "validFrom", future.toString()))), 200);
        assertThat(position(second)).isGreaterThan(position(first));
        String prices = "/api/catalog/price-lists/" + retail + "/prices?productId=" + productId + "&minPosition=" + position(second);
        assertThat(values(read("keeper", prices, 200).get("items"), "price")).containsExactly("13000.50");
        assertThat(values(read("auditor", prices + "&asOf=" + between, 200).get("items"), "price")).containsExactly("12500.00");
        assertThat(values(read("auditor", prices + "&asOf=" + future.plusSeconds(1), 200).get("items"), "price")).containsExactly("14000.00");
        assertThat((List<?>) read("auditor", prices + "&asOf=2020-01-01T00:00:00Z", 200).get("items")).isEmpty();
        // the product shows its current price in each list, and its stock per location
        Map<?, ?> detail = read("manager", "/api/catalog/products/" + productId, 200);
        assertThat(detail.get("prices")).isEqualTo(List.of(Map.of("priceListId", retail, "price", "13000.50", "currency", "UZS",
                "validFrom", ((Map<?, ?>) ((List<?>) read("keeper", prices, 200).get("items")).getFirst()).get("validFrom"))));
        assertThat((List<?>) detail.get("stock")).isEmpty();
        String shop = InventoryTransfersTest.location("SHOP");
        position = position(post("keeper", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line(productId, 2500))), 201));
        assertThat(read("manager", "/api/catalog/products/" + productId + "?minPosition=" + position, 200).get("stock"))
                .isEqualTo(List.of(Map.of("locationId", shop, "onHand", 2500, "reserved", 0, "available", 2500)));

        // refusals and roles
        String path = "/api/catalog/price-lists/" + retail + "/prices";
        assertThat(errorsOf(put("manager", path, Map.of("prices", List.of(Map.of("productId", productId, "price", "1.005"))), 400))
                .toString()).contains("price");
        assertThat(errorsOf(put("manager", path, Map.of("prices", List.of(Map.of("productId", productId, "price", 100))), 400))
                .toString()).contains("price");
        assertThat(errorsOf(put("manager", path, Map.of("prices", List.of(Map.of("productId", "yoq", "price", "1"))), 400))
                .toString()).contains("productId");
        assertThat(errorsOf(put("manager", path, Map.of("prices", List.of(Map.of("productId", productId, "price", "1",
                "validFrom", "2020-01-01T00:00:00Z"))), 400)).toString()).contains("validFrom");
        assertThat(errorsOf(put("manager", path, Map.of("prices", List.of()), 400)).toString()).contains("prices");
        put("manager", "/api/catalog/price-lists/" + uniqueId("yoq") + "/prices",
                Map.of("prices", List.of(Map.of("productId", productId, "price", "1"))), 404);
        assertThat(errorsOf(post("manager", "/api/catalog/price-lists", Map.of("name", "X", "currency", "XYZ", "taxIncluded", true), 400))
                .toString()).contains("currency");
        assertThat(post("manager", "/api/catalog/price-lists", Map.of("id", retail, "name", "X", "currency", "UZS", "taxIncluded", true), 409)
                .get("code")).isEqualTo("ALREADY_EXISTS");
        put("keeper", path, Map.of("prices", List.of(Map.of("productId", productId, "price", "1"))), 403);
        post("auditor", "/api/catalog/price-lists", Map.of("name", "X", "currency", "UZS", "taxIncluded", true), 403);
        read("keeper", "/api/catalog/price-lists/" + uniqueId("yoq") + "/prices", 404);
        read("other-admin", "/api/catalog/price-lists/" + retail, 404);
    }

    static List<?> search(String user, String query) {
        return (List<?>) queries().get().uri(u -> u.path("/api/search").query(query).build()).header("Authorization", bearer(user))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
    }

    /**
     * Search (search.md): products and categories by name in Latin and Cyrillic, by word prefix, with a typo; products
     * whole by SKU, barcode and 1C code; a facet by category; archived products hidden.
     */
    @Test
    void productsAndCategoriesAreSearchable() {
        String drinks = uniqueId("ichimlik");
        String sweets = uniqueId("shirinlik");
        post("manager", "/api/catalog/categories", Map.of("id", drinks, "name", "Ichimliklar"), 201);
        post("manager", "/api/catalog/categories", Map.of("id", sweets, "name", "Кондитерские изделия"), 201);
        String tea = uniqueId("choy");
        String word = "Zaytunlik" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        String sku = uniqueId("ZT");
        String barcode = "478" + System.nanoTime();
        Map<String, Object> teaBody = product(sku, word + " ko'k choy", drinks, barcode);
        teaBody.put("id", tea);
        teaBody.put("onecCode", "1c-" + sku);
        post("manager", "/api/catalog/products", teaBody, 201);
        String cake = uniqueId("tort");
        Map<String, Object> cakeBody = product(uniqueId("TR"), "Торт " + word.toLowerCase() + "ский", sweets);
        cakeBody.put("id", cake);
        long position = position(post("manager", "/api/catalog/products", cakeBody, 201));

        String wait = "&minPosition=" + position;
        // by name, by word prefix, with one typo (five letters or more), in Latin
        assertThat(values(search("keeper", "q=" + word + " choy&type=product" + wait), "id")).containsExactly(tea);
        assertThat(values(search("keeper", "q=" + word.substring(0, 7) + "&type=product" + wait), "id")).contains(tea);
        String typo = word.substring(0, 3) + word.charAt(4) + word.charAt(3) + word.substring(5);
        assertThat(values(search("keeper", "q=" + typo + "&type=product" + wait), "id")).contains(tea);
        // the apostrophe spelled any way
        assertThat(values(search("keeper", "q=" + word + " kok&type=product" + wait), "id")).containsExactly(tea);
        // in Cyrillic
        assertThat(values(search("keeper", "q=торт " + word.toLowerCase() + "ский&type=product" + wait), "id")).containsExactly(cake);
        assertThat(values(search("keeper", "q=кондитерские&type=category" + wait), "id")).contains(sweets);
        // whole codes
        assertThat(values(search("keeper", "q=" + barcode + wait), "id")).containsExactly(tea);
        assertThat(values(search("keeper", "q=" + sku.toLowerCase() + wait), "id")).containsExactly(tea);
        assertThat(values(search("keeper", "q=1c-" + sku + wait), "id")).containsExactly(tea);
        // a product's parent is its category
        Map<?, ?> hit = (Map<?, ?>) search("keeper", "q=" + barcode + wait).getFirst();
        assertThat(hit.get("type")).isEqualTo("product");
        assertThat(hit.get("parentId")).isEqualTo(drinks);

        // the facet by category
        Map<?, ?> faceted = queries().get().uri(u -> u.path("/api/search").query("q=" + word.toLowerCase() + " choy&facets=true" + wait).build())
                .header("Authorization", bearer("manager")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> facets = (Map<?, ?>) faceted.get("facets");
        assertThat(((Map<?, ?>) facets.get("type")).get("product")).isEqualTo(1);
        assertThat(facets.get("category")).isEqualTo(Map.of(drinks, 1));
        faceted = queries().get().uri(u -> u.path("/api/search").query("q=" + word.substring(0, 7) + "&facets=true&type=product" + wait).build())
                .header("Authorization", bearer("manager")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) faceted.get("facets")).get("category")).isEqualTo(Map.of(drinks, 1, sweets, 1));

        // moved to another category: still one document, under its new parent
        Map<String, Object> moved = new HashMap<>(teaBody);
        moved.remove("id");
        moved.put("categoryId", sweets);
        position = position(put("manager", "/api/catalog/products/" + tea, moved, 200));
        List<?> hits = search("keeper", "q=" + barcode + "&minPosition=" + position);
        assertThat(hits).hasSize(1);
        assertThat(((Map<?, ?>) hits.getFirst()).get("parentId")).isEqualTo(sweets);
        // archived: gone from search; restored: back
        position = position(delete("manager", "/api/catalog/products/" + tea, 200));
        assertThat(search("keeper", "q=" + barcode + "&minPosition=" + position)).isEmpty();
        position = position(post("manager", "/api/catalog/products/" + tea + "/restore", Map.of(), 200));
        assertThat(values(search("keeper", "q=" + barcode + "&minPosition=" + position), "id")).containsExactly(tea);
        // a deleted category is gone
        String empty = uniqueId("bosh");
        post("manager", "/api/catalog/categories", Map.of("id", empty, "name", word + " bo'sh"), 201);
        position = position(delete("manager", "/api/catalog/categories/" + empty, 200));
        assertThat(values(search("keeper", "q=" + word + " bosh&type=category&minPosition=" + position), "id")).doesNotContain(empty);
        // another tenant finds none of it
        assertThat(search("other-admin", "q=" + barcode)).isEmpty();
    }
}
