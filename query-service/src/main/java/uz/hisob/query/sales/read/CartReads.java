package uz.hisob.query.sales.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.query.inventory.projection.InventoryProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/carts/{c}} (commerce.md): the cart as the server last priced it (each line's unit price, discount,
 * tax and total; {@code subtotal}, {@code discountTotal}, {@code taxTotal}, {@code total}; {@code pricedAt}), and
 * per line whether it is available now (at the cart's location, else at any warehouse) and how much. A customer reads
 * only its own carts; another's is 404.
 */
@RestController
@ReadsFrom(InventoryProjection.NAME)
public class CartReads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record CartLine(String productId, long quantity, String unitPrice, String subtotal, String discount, String taxRatePct,
                           String tax, String total, boolean available, long availableQuantity) {
    }

    public record CartView(String id, String customerId, String priceListId, String locationId, String status, String orderId,
                           List<CartLine> lines, String currency, String subtotal, String discountTotal, String taxTotal, String total,
                           Instant pricedAt, long position) {
    }

    private record Row(String id, String customerId, String priceListId, String locationId, String status, String orderId, JsonNode lines,
                       String currency, BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal total,
                       Instant pricedAt, long position) {
    }

    private final DatabaseClient db;

    public CartReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/carts/{cartId}")
    public Mono<CartView> cart(@PathVariable String cartId, Caller caller) {
        return db.sql("SELECT id, customer_id, price_list_id, location_id, status, order_id, lines::text AS lines, currency, subtotal, "
                        + "discount_total, tax_total, total, priced_at, position FROM sales_cart WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", cartId)
                .map(CartReads::row).one()
                .filter(r -> !OrderReads.onlyCustomer(caller) || OrderReads.customerOf(caller).equals(r.customerId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Cart")))
                .flatMap(r -> available(caller.tenant(), r).map(stock -> view(r, stock)));
    }

    /** What is available now of the cart's products: at its location, else summed over the tenant's warehouses. */
    private Mono<Map<String, Long>> available(String tenant, Row r) {
        List<String> products = new ArrayList<>();
        r.lines().forEach(l -> products.add(l.path("productId").asString()));
        if (products.isEmpty()) {
            return Mono.just(Map.of());
        }
        String sql = r.locationId() != null
                ? "SELECT product_id, sum(on_hand - reserved) AS available FROM inventory_stock WHERE tenant = :tenant AND location_id = :location "
                + "AND product_id = ANY(:products) GROUP BY product_id"
                : "SELECT s.product_id, sum(s.on_hand - s.reserved) AS available FROM inventory_stock s JOIN inventory_location l "
                + "ON l.tenant = s.tenant AND l.id = s.location_id AND l.kind = 'WAREHOUSE' WHERE s.tenant = :tenant "
                + "AND s.product_id = ANY(:products) GROUP BY s.product_id";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("tenant", tenant).bind("products", products.toArray(new String[0]));
        if (r.locationId() != null) {
            spec = spec.bind("location", r.locationId());
        }
        return spec.map(row -> Map.entry(row.get("product_id", String.class), ((Number) row.get("available")).longValue())).all()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static CartView view(Row r, Map<String, Long> stock) {
        List<CartLine> lines = new ArrayList<>();
        for (JsonNode l : r.lines()) {
            String product = l.path("productId").asString();
            long quantity = l.path("quantity").asLong();
            long available = stock.getOrDefault(product, 0L);
            lines.add(new CartLine(product, quantity, text(l, "unitPrice"), text(l, "subtotal"), text(l, "discount"), text(l, "taxRatePct"),
                    text(l, "tax"), text(l, "total"), available >= quantity, available));
        }
        return new CartView(r.id(), r.customerId(), r.priceListId(), r.locationId(), r.status(), r.orderId(), lines, r.currency(),
                money(r.subtotal(), r.currency()), money(r.discountTotal(), r.currency()), money(r.taxTotal(), r.currency()),
                money(r.total(), r.currency()), r.pricedAt(), r.position());
    }

    private static String text(JsonNode line, String field) {
        JsonNode v = line.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.isNumber() ? v.decimalValue().toPlainString() : v.asString();
    }

    private static String money(BigDecimal value, String currency) {
        return value == null ? null : value.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static Row row(Readable row) {
        OffsetDateTime priced = row.get("priced_at", OffsetDateTime.class);
        return new Row(row.get("id", String.class), row.get("customer_id", String.class), row.get("price_list_id", String.class),
                row.get("location_id", String.class), row.get("status", String.class), row.get("order_id", String.class),
                JSON.readTree(row.get("lines", String.class)), row.get("currency", String.class), row.get("subtotal", BigDecimal.class),
                row.get("discount_total", BigDecimal.class), row.get("tax_total", BigDecimal.class), row.get("total", BigDecimal.class),
                priced == null ? null : priced.toInstant(), row.get("position", Long.class));
    }
}
