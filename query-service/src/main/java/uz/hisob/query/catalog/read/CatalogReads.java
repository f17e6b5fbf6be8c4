package uz.hisob.query.catalog.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.catalog.projection.CatalogProjection;
import uz.hisob.query.inventory.projection.InventoryProjection;
import uz.hisob.query.platform.ReadsFrom;
import uz.hisob.query.platform.WindowedPages;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** The catalogue's reads (commerce.md, "Catalogue"), reactive end to end, always confined to the caller's tenant. */
@RestController
@ReadsFrom({CatalogProjection.NAME, InventoryProjection.NAME, uz.hisob.query.images.ImageProjection.NAME})
public class CatalogReads {

    /** A product as lists show it. */
    public record ProductView(String id, String sku, String name, String description, String categoryId, String unit,
                              List<String> barcodes, BigDecimal taxRatePct, Map<String, String> attributes, String onecCode,
                              boolean archived, Instant createdAt, Instant updatedAt) {
    }

    /** A product with its current price in each list, its stock per location, and its rating (null until reviewed). */
    public record ProductDetailView(String id, String sku, String name, String description, String categoryId, String unit,
                                    List<String> barcodes, BigDecimal taxRatePct, Map<String, String> attributes, String onecCode,
                                    boolean archived, Instant createdAt, Instant updatedAt, List<ListPrice> prices,
                                    List<Stock> stock, List<ProductImage> images, BigDecimal rating) {
    }

    /** An image of a product, in the order they were attached; its bytes at {@code GET /api/images/{imageId}}. */
    public record ProductImage(String imageId, String contentType, int width, int height) {
    }

    /** A product's price in a list: money in the list's currency. */
    public record ListPrice(String priceListId, String price, String currency, Instant validFrom) {
    }

    /** A product's stock at a location. */
    public record Stock(String locationId, long onHand, long reserved, long available) {
    }

    /** A category and the ones under it; {@code productCount} counts the products directly in it, not archived. */
    public record CategoryNode(String id, String name, String parentId, long productCount, List<CategoryNode> children) {
    }

    /** A price list. */
    public record PriceListView(String id, String name, String currency, boolean taxIncluded, boolean isDefault) {
        @com.fasterxml.jackson.annotation.JsonProperty("default")
        public boolean isDefault() {
            return isDefault;
        }
    }

    /** The price of a product in a list as it was valid at an instant. */
    public record PriceView(String productId, String price, String currency, Instant validFrom) {
    }

    private static final String PRODUCT_COLUMNS = "p.id, p.sku, p.name, p.description, p.category_id, p.unit, p.tax_rate_pct, "
            + "p.attributes::text AS attributes, p.onec_code, p.archived, p.created_at, p.updated_at, "
            + "(SELECT string_agg(b.barcode, ' ' ORDER BY b.barcode) FROM catalog_product_barcode b "
            + "WHERE b.tenant = p.tenant AND b.product_id = p.id) AS barcodes";

    private final DatabaseClient db;
    private final JsonMapper json;

    public CatalogReads(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Products, by name: {@code q} finds a part of the name or SKU, or a whole barcode or 1C code; {@code categoryId}
     * the products of that category and every category under it; {@code archived=true} the archived ones instead of
     * the others.
     */
    @GetMapping("/api/catalog/products")
    public Mono<Page<ProductView>> products(Caller caller, PageRequest page, @RequestParam(required = false) String q,
                                            @RequestParam(required = false) String categoryId,
                                            @RequestParam(required = false) Boolean archived) {
        StringBuilder where = new StringBuilder(" WHERE p.tenant = :tenant AND p.archived = :archived");
        if (q != null && !q.isBlank()) {
            where.append(" AND (lower(p.name) LIKE :like ESCAPE '\\' OR lower(p.sku) LIKE :like ESCAPE '\\' OR p.onec_code = :q "
                    + "OR EXISTS (SELECT 1 FROM catalog_product_barcode b WHERE b.tenant = p.tenant AND b.barcode = :q AND b.product_id = p.id))");
        }
        if (categoryId != null) {
            where.append(" AND p.category_id IN (WITH RECURSIVE sub AS (SELECT id FROM catalog_category WHERE tenant = :tenant AND id = :category "
                    + "UNION ALL SELECT c.id FROM catalog_category c JOIN sub ON c.parent_id = sub.id WHERE c.tenant = :tenant) SELECT id FROM sub)");
        }
        boolean byText = q != null && !q.isBlank();
        String text = byText ? q.trim() : null;
        return WindowedPages.page(db, PRODUCT_COLUMNS, "FROM catalog_product p" + where, "ORDER BY lower(p.name), p.id", spec -> {
            spec = spec.bind("tenant", caller.tenant()).bind("archived", Boolean.TRUE.equals(archived));
            if (byText) {
                spec = spec.bind("q", text).bind("like", "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%");
            }
            return categoryId == null ? spec : spec.bind("category", categoryId);
        }, page, this::product);
    }

    /** A product, archived or not, with its current price in each list and its stock at each location. */
    @GetMapping("/api/catalog/products/{productId}")
    public Mono<ProductDetailView> product(@PathVariable String productId, Caller caller) {
        Mono<ProductView> product = db.sql("SELECT " + PRODUCT_COLUMNS + " FROM catalog_product p WHERE p.tenant = :tenant AND p.id = :id")
                .bind("tenant", caller.tenant()).bind("id", productId).map((Readable row) -> product(row)).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Product")));
        Mono<List<ListPrice>> prices = db.sql("SELECT DISTINCT ON (price_list_id) price_list_id, price, currency, valid_from FROM catalog_price "
                        + "WHERE tenant = :tenant AND product_id = :id AND valid_from <= now() "
                        + "ORDER BY price_list_id, valid_from DESC, position DESC")
                .bind("tenant", caller.tenant()).bind("id", productId)
                .map(row -> new ListPrice(row.get("price_list_id", String.class),
                        money(row.get("price", BigDecimal.class), row.get("currency", String.class)), row.get("currency", String.class),
                        row.get("valid_from", OffsetDateTime.class).toInstant()))
                .all().collectList();
        Mono<List<Stock>> stock = db.sql("SELECT location_id, on_hand, reserved FROM inventory_stock WHERE tenant = :tenant AND product_id = :id "
                        + "ORDER BY location_id")
                .bind("tenant", caller.tenant()).bind("id", productId)
                .map(row -> {
                    long onHand = ((Number) row.get("on_hand")).longValue();
                    long reserved = ((Number) row.get("reserved")).longValue();
                    return new Stock(row.get("location_id", String.class), onHand, reserved, onHand - reserved);
                }).all().collectList();
        Mono<List<ProductImage>> images = db.sql("SELECT i.id, i.content_type, i.width, i.height FROM catalog_product_image pi "
                        + "JOIN image i ON i.tenant = pi.tenant AND i.id = pi.image_id WHERE pi.tenant = :tenant AND pi.product_id = :id "
                        + "ORDER BY pi.position, i.id")
                .bind("tenant", caller.tenant()).bind("id", productId)
                .map(row -> new ProductImage(row.get("id", String.class), row.get("content_type", String.class),
                        ((Number) row.get("width")).intValue(), ((Number) row.get("height")).intValue()))
                .all().collectList();
        return Mono.zip(product, prices, stock, images).map(t -> {
            ProductView p = t.getT1();
            return new ProductDetailView(p.id(), p.sku(), p.name(), p.description(), p.categoryId(), p.unit(), p.barcodes(),
                    p.taxRatePct(), p.attributes(), p.onecCode(), p.archived(), p.createdAt(), p.updatedAt(), t.getT2(), t.getT3(),
                    t.getT4(), null);
        });
    }

    /** The category tree, each level by name. */
    @GetMapping("/api/catalog/categories")
    public Mono<Map<String, List<CategoryNode>>> categories(Caller caller) {
        return db.sql("SELECT c.id, c.name, c.parent_id, (SELECT count(*) FROM catalog_product p WHERE p.tenant = c.tenant "
                        + "AND p.category_id = c.id AND NOT p.archived) AS products FROM catalog_category c WHERE c.tenant = :tenant")
                .bind("tenant", caller.tenant())
                .map(row -> new String[] {row.get("id", String.class), row.get("name", String.class), row.get("parent_id", String.class),
                        String.valueOf(((Number) row.get("products")).longValue())})
                .all().collectList().map(rows -> Map.of("items", tree(rows, null)));
    }

    private static List<CategoryNode> tree(List<String[]> rows, String parent) {
        List<CategoryNode> level = new ArrayList<>();
        for (String[] r : rows) {
            if (java.util.Objects.equals(r[2], parent)) {
                level.add(new CategoryNode(r[0], r[1], r[2], Long.parseLong(r[3]), tree(rows, r[0])));
            }
        }
        level.sort(Comparator.comparing((CategoryNode c) -> c.name().toLowerCase()).thenComparing(CategoryNode::id));
        return level;
    }

    @GetMapping("/api/catalog/price-lists")
    public Mono<Page<PriceListView>> priceLists(Caller caller, PageRequest page) {
        return WindowedPages.page(db, "id, name, currency, tax_included, is_default", "FROM catalog_price_list WHERE tenant = :tenant",
                "ORDER BY id", spec -> spec.bind("tenant", caller.tenant()), page, CatalogReads::priceList);
    }

    @GetMapping("/api/catalog/price-lists/{priceListId}")
    public Mono<PriceListView> priceList(@PathVariable String priceListId, Caller caller) {
        return db.sql("SELECT id, name, currency, tax_included, is_default FROM catalog_price_list WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", priceListId).map(CatalogReads::priceList).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Price list")));
    }

    /** The prices of a list that were valid at {@code asOf} (now when absent), by product; {@code productId} one product's. */
    @GetMapping("/api/catalog/price-lists/{priceListId}/prices")
    public Mono<Page<PriceView>> prices(@PathVariable String priceListId, Caller caller, PageRequest page,
                                        @RequestParam(required = false) Instant asOf,
                                        @RequestParam(required = false) String productId) {
        OffsetDateTime at = (asOf == null ? Instant.now() : asOf).atOffset(ZoneOffset.UTC);
        Mono<Page<PriceView>> prices = WindowedPages.page(db, "product_id, price, currency, valid_from",
                "FROM (SELECT DISTINCT ON (product_id) product_id, price, currency, valid_from FROM catalog_price "
                        + "WHERE tenant = :tenant AND price_list_id = :list AND valid_from <= :at"
                        + (productId == null ? "" : " AND product_id = :product")
                        + " ORDER BY product_id, valid_from DESC, position DESC) v", "ORDER BY product_id", spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("list", priceListId).bind("at", at);
                    return productId == null ? spec : spec.bind("product", productId);
                }, page, row -> new PriceView(row.get("product_id", String.class),
                        money(row.get("price", BigDecimal.class), row.get("currency", String.class)), row.get("currency", String.class),
                        row.get("valid_from", OffsetDateTime.class).toInstant()));
        return priceList(priceListId, caller).then(prices);
    }

    private static PriceListView priceList(Readable row) {
        return new PriceListView(row.get("id", String.class), row.get("name", String.class), row.get("currency", String.class),
                Boolean.TRUE.equals(row.get("tax_included", Boolean.class)), Boolean.TRUE.equals(row.get("is_default", Boolean.class)));
    }

    private ProductView product(Readable row) {
        String codes = row.get("barcodes", String.class);
        Map<String, String> attributes = json.readValue(row.get("attributes", String.class), new TypeReference<Map<String, String>>() { });
        return new ProductView(row.get("id", String.class), row.get("sku", String.class), row.get("name", String.class),
                row.get("description", String.class), row.get("category_id", String.class), row.get("unit", String.class),
                codes == null ? List.of() : Arrays.asList(codes.split(" ")), row.get("tax_rate_pct", BigDecimal.class),
                attributes, row.get("onec_code", String.class), Boolean.TRUE.equals(row.get("archived", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    /** Money as common.md writes it: a decimal string at the currency's minor-unit scale. */
    static String money(BigDecimal amount, String currency) {
        return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
