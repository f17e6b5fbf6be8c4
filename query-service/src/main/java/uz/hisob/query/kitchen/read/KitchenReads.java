package uz.hisob.query.kitchen.read;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.kitchen.projection.KitchenProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Kitchen reads, reactive end to end (R2DBC), always confined to the caller's tenant. */
@RestController
@ReadsFrom(KitchenProjection.NAME)
public class KitchenReads {

    /** A kitchen as the contract shows it. */
    public record KitchenView(String id, String name, String timezone, BigDecimal warningThresholdPct,
                              BigDecimal misuseThresholdPct) {
    }

    /** One ingredient's stock. */
    public record StockItem(String ingredientId, String name, long grams, long minStockGrams, boolean belowMinimum) {
    }

    /** The stock of a kitchen at an instant. */
    public record Stock(Instant asOf, List<StockItem> items) {
    }

    private final DatabaseClient db;

    public KitchenReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/kitchens")
    public Mono<Page<KitchenView>> list(Caller caller, PageRequest page) {
        Mono<Long> total = db.sql("SELECT count(*) FROM kitchen WHERE tenant = :tenant")
                .bind("tenant", caller.tenant())
                .map(row -> row.get(0, Long.class)).one();
        Mono<List<KitchenView>> items = db.sql("SELECT id, name, timezone, warning_threshold_pct, misuse_threshold_pct "
                        + "FROM kitchen WHERE tenant = :tenant ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("tenant", caller.tenant()).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> new KitchenView(row.get("id", String.class), row.get("name", String.class),
                        row.get("timezone", String.class), row.get("warning_threshold_pct", BigDecimal.class),
                        row.get("misuse_threshold_pct", BigDecimal.class)))
                .all().collectList();
        return Mono.zip(items, total).map(t -> Page.of(t.getT1(), page, t.getT2()));
    }

    @GetMapping("/api/kitchens/{kitchenId}")
    public Mono<KitchenView> kitchen(@PathVariable String kitchenId, Caller caller) {
        return db.sql("SELECT id, name, timezone, warning_threshold_pct, misuse_threshold_pct FROM kitchen "
                        + "WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", kitchenId)
                .map(row -> new KitchenView(row.get("id", String.class), row.get("name", String.class),
                        row.get("timezone", String.class), row.get("warning_threshold_pct", BigDecimal.class),
                        row.get("misuse_threshold_pct", BigDecimal.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Kitchen")));
    }

    @GetMapping("/api/kitchens/{kitchenId}/stock")
    public Mono<Stock> stock(@PathVariable String kitchenId, Caller caller,
                             @RequestParam(required = false) Instant asOf) {
        Mono<List<StockItem>> items = db.sql("SELECT id, name, stock_grams, min_stock_grams FROM kitchen_ingredient "
                        + "WHERE tenant = :tenant AND kitchen_id = :kitchen ORDER BY id")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId)
                .map(row -> {
                    long grams = row.get("stock_grams", Long.class);
                    long min = row.get("min_stock_grams", Long.class);
                    return new StockItem(row.get("id", String.class), row.get("name", String.class), grams, min, grams < min);
                })
                .all().collectList();
        return kitchen(kitchenId, caller)
                .then(items)
                .map(list -> new Stock(asOf == null ? Instant.now() : asOf, list));
    }
}
