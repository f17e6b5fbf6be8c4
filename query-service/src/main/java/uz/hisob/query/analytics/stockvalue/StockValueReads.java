package uz.hisob.query.analytics.stockvalue;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.platform.ReadsFrom;
import uz.hisob.query.platform.WindowedPages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * {@code GET /api/analytics/stock-value} (ADMIN, MANAGER, AUDITOR): the value of the stock per location and currency,
 * and {@code …/stock-value/products} per product and location: on hand × its moving-average unit cost. Money as
 * common.md writes it; a product never received at a cost has no value ({@code unitCost} null) and is counted apart.
 */
@RestController
@ReadsFrom(StockValueProjection.NAME)
public class StockValueReads {

    /** A location's stock value in one currency. */
    public record LocationValue(String locationId, String currency, String value, long products, long productsWithoutCost) {
    }

    /** A product's stock value at a location. */
    public record ProductValue(String locationId, String productId, long onHand, String unitCost, String value, String currency) {
    }

    private final DatabaseClient db;

    public StockValueReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/analytics/stock-value")
    public Mono<Page<LocationValue>> byLocation(Caller caller, PageRequest page, @RequestParam(required = false) String locationId) {
        String where = " WHERE tenant = :tenant AND on_hand > 0" + (locationId == null ? "" : " AND location_id = :location");
        return WindowedPages.page(db, "location_id, currency, value, products, uncosted",
                "FROM (SELECT location_id, max(currency) AS currency, sum(on_hand * unit_cost) AS value, "
                        + "count(*) FILTER (WHERE unit_cost IS NOT NULL) AS products, count(*) FILTER (WHERE unit_cost IS NULL) AS uncosted "
                        + "FROM analytics_stock_value" + where + " GROUP BY location_id, COALESCE(currency, '')) v",
                "ORDER BY location_id, currency NULLS LAST", spec -> {
                    spec = spec.bind("tenant", caller.tenant());
                    return locationId == null ? spec : spec.bind("location", locationId);
                }, page, row -> new LocationValue(row.get("location_id", String.class), row.get("currency", String.class),
                        money(row.get("value", BigDecimal.class), row.get("currency", String.class)),
                        ((Number) row.get("products")).longValue(), ((Number) row.get("uncosted")).longValue()));
    }

    @GetMapping("/api/analytics/stock-value/products")
    public Mono<Page<ProductValue>> byProduct(Caller caller, PageRequest page, @RequestParam(required = false) String locationId,
                                              @RequestParam(required = false) String productId) {
        String where = " WHERE tenant = :tenant AND on_hand > 0" + (locationId == null ? "" : " AND location_id = :location")
                + (productId == null ? "" : " AND product_id = :product");
        return WindowedPages.page(db, "location_id, product_id, on_hand, unit_cost, currency", "FROM analytics_stock_value" + where,
                "ORDER BY location_id, product_id", spec -> {
                    spec = spec.bind("tenant", caller.tenant());
                    spec = locationId == null ? spec : spec.bind("location", locationId);
                    return productId == null ? spec : spec.bind("product", productId);
                }, page, row -> {
                    long onHand = ((Number) row.get("on_hand")).longValue();
                    BigDecimal cost = row.get("unit_cost", BigDecimal.class);
                    String currency = row.get("currency", String.class);
                    return new ProductValue(row.get("location_id", String.class), row.get("product_id", String.class), onHand,
                            money(cost, currency), cost == null ? null : money(cost.multiply(BigDecimal.valueOf(onHand)), currency), currency);
                });
    }

    /** Money at the currency's minor-unit scale, rounded half-up; null without a cost. */
    static String money(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_UP).toPlainString();
    }
}
