package uz.hisob.query.kitchen.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.kitchen.KitchenViews.AlertView;
import uz.hisob.query.kitchen.KitchenViews.Capacity;
import uz.hisob.query.kitchen.KitchenViews.CapacityItem;
import uz.hisob.query.kitchen.KitchenViews.KitchenView;
import uz.hisob.query.kitchen.KitchenViews.MealView;
import uz.hisob.query.kitchen.KitchenViews.ServingView;
import uz.hisob.query.kitchen.KitchenViews.Stock;
import uz.hisob.query.kitchen.KitchenViews.StockItem;
import uz.hisob.query.kitchen.projection.KitchenProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kitchen reads, reactive end to end (R2DBC), always confined to the caller's tenant. */
@RestController
@ReadsFrom(KitchenProjection.NAME)
public class KitchenReads {

    private static final TypeReference<List<RecipeLine>> RECIPE = new TypeReference<>() {
    };
    private static final TypeReference<List<MealServed.Deduction>> DEDUCTED = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    public KitchenReads(DatabaseClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/kitchens")
    public Mono<Page<KitchenView>> list(Caller caller, PageRequest page) {
        Mono<Long> total = db.sql("SELECT count(*) FROM kitchen WHERE tenant = :tenant")
                .bind("tenant", caller.tenant()).map(row -> row.get(0, Long.class)).one();
        Mono<List<KitchenView>> items = db.sql("SELECT id, name, timezone, warning_threshold_pct, misuse_threshold_pct "
                        + "FROM kitchen WHERE tenant = :tenant ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("tenant", caller.tenant()).bind("limit", page.size()).bind("offset", page.offset())
                .map(KitchenReads::kitchen).all().collectList();
        return Mono.zip(items, total).map(t -> Page.of(t.getT1(), page, t.getT2()));
    }

    @GetMapping("/api/kitchens/{kitchenId}")
    public Mono<KitchenView> kitchen(@PathVariable String kitchenId, Caller caller) {
        return db.sql("SELECT id, name, timezone, warning_threshold_pct, misuse_threshold_pct FROM kitchen "
                        + "WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", kitchenId)
                .map(KitchenReads::kitchen).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Kitchen")));
    }

    private static KitchenView kitchen(Readable row) {
        return new KitchenView(row.get("id", String.class), row.get("name", String.class), row.get("timezone", String.class),
                row.get("warning_threshold_pct", BigDecimal.class), row.get("misuse_threshold_pct", BigDecimal.class));
    }

    /** The stock now, or as it stood at a past instant of business time ({@code asOf}). */
    @GetMapping("/api/kitchens/{kitchenId}/stock")
    public Mono<Stock> stock(@PathVariable String kitchenId, Caller caller, @RequestParam(required = false) Instant asOf) {
        Mono<List<StockItem>> items;
        if (asOf == null) {
            items = db.sql("SELECT id, name, stock_grams AS grams, min_stock_grams FROM kitchen_ingredient "
                            + "WHERE tenant = :tenant AND kitchen_id = :kitchen ORDER BY id")
                    .bind("tenant", caller.tenant()).bind("kitchen", kitchenId)
                    .map(KitchenReads::stockItem).all().collectList();
        } else {
            items = db.sql("SELECT i.id, i.name, i.min_stock_grams, COALESCE((SELECT sum(m.delta) FROM kitchen_stock_movement m "
                            + "WHERE m.tenant = i.tenant AND m.kitchen_id = i.kitchen_id AND m.ingredient_id = i.id "
                            + "AND m.business_time <= :asOf), 0) AS grams "
                            + "FROM kitchen_ingredient i WHERE i.tenant = :tenant AND i.kitchen_id = :kitchen ORDER BY i.id")
                    .bind("tenant", caller.tenant()).bind("kitchen", kitchenId).bind("asOf", asOf.atOffset(java.time.ZoneOffset.UTC))
                    .map(KitchenReads::stockItem).all().collectList();
        }
        Instant at = asOf == null ? clock.instant() : asOf;
        // one query when the kitchen has ingredients (they prove it is the caller's); the existence check only if not
        return items.flatMap(list -> list.isEmpty() ? kitchen(kitchenId, caller).thenReturn(list) : Mono.just(list))
                .map(list -> new Stock(at, list));
    }

    private static StockItem stockItem(Readable row) {
        return StockItem.of(row.get("id", String.class), row.get("name", String.class),
                ((Number) row.get("grams")).longValue(), row.get("min_stock_grams", Long.class));
    }

    @GetMapping("/api/kitchens/{kitchenId}/meals")
    public Mono<Page<MealView>> meals(@PathVariable String kitchenId, Caller caller, PageRequest page) {
        Mono<Long> total = db.sql("SELECT count(*) FROM kitchen_meal WHERE tenant = :tenant AND kitchen_id = :kitchen")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId).map(row -> row.get(0, Long.class)).one();
        Mono<List<MealView>> items = db.sql("SELECT id, name, recipe_version, recipe::text AS recipe, retired FROM kitchen_meal "
                        + "WHERE tenant = :tenant AND kitchen_id = :kitchen ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> new MealView(row.get("id", String.class), row.get("name", String.class),
                        row.get("recipe_version", Integer.class), json.readValue(row.get("recipe", String.class), RECIPE),
                        row.get("retired", Boolean.class)))
                .all().collectList();
        return kitchen(kitchenId, caller).then(Mono.zip(items, total)).map(t -> Page.of(t.getT1(), page, t.getT2()));
    }

    /** {@code portionsPossible = min over the recipe of floor(stock / gramsPerPortion)}, for meals not retired. */
    @GetMapping("/api/kitchens/{kitchenId}/capacity")
    public Mono<Capacity> capacity(@PathVariable String kitchenId, Caller caller) {
        Mono<Map<String, Long>> stock = db.sql("SELECT id, stock_grams FROM kitchen_ingredient WHERE tenant = :tenant AND kitchen_id = :kitchen")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId)
                .map(row -> Map.entry(row.get("id", String.class), row.get("stock_grams", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        Mono<List<Object[]>> meals = db.sql("SELECT id, name, recipe::text AS recipe FROM kitchen_meal "
                        + "WHERE tenant = :tenant AND kitchen_id = :kitchen AND NOT retired ORDER BY id")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId)
                .map(row -> new Object[] {row.get("id", String.class), row.get("name", String.class), row.get("recipe", String.class)})
                .all().collectList();
        return kitchen(kitchenId, caller).then(Mono.zip(meals, stock)).map(t -> new Capacity(t.getT1().stream()
                .map(m -> CapacityItem.of((String) m[0], (String) m[1], json.readValue((String) m[2], RECIPE), t.getT2()))
                .toList()));
    }

    /** The serving log, newest first, filtered by time ({@code from} inclusive, {@code to} exclusive), meal and user. */
    @GetMapping("/api/kitchens/{kitchenId}/servings")
    public Mono<Page<ServingView>> servings(@PathVariable String kitchenId, Caller caller, PageRequest page,
                                            @RequestParam(required = false) Instant from,
                                            @RequestParam(required = false) Instant to,
                                            @RequestParam(required = false) String mealId,
                                            @RequestParam(required = false) String servedBy) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from");
        }
        String where = " WHERE tenant = :tenant AND kitchen_id = :kitchen"
                + (from == null ? "" : " AND served_at >= :from")
                + (to == null ? "" : " AND served_at < :to")
                + (mealId == null ? "" : " AND meal_id = :meal")
                + (servedBy == null ? "" : " AND served_by = :user");
        DatabaseClient.GenericExecuteSpec count = bindFilters(db.sql("SELECT count(*) FROM kitchen_serving" + where),
                caller, kitchenId, from, to, mealId, servedBy);
        DatabaseClient.GenericExecuteSpec select = bindFilters(db.sql("SELECT id, meal_id, meal_name, portions, served_by, served_at, "
                        + "recipe_version, deducted::text AS deducted, count(*) OVER () AS total FROM kitchen_serving" + where
                        + " ORDER BY served_at DESC, id DESC LIMIT :limit OFFSET :offset"),
                caller, kitchenId, from, to, mealId, servedBy).bind("limit", page.size()).bind("offset", page.offset());
        long[] total = {0};
        Mono<List<ServingView>> items = select.map(row -> {
                    total[0] = row.get("total", Long.class);
                    return new ServingView(row.get("id", String.class), row.get("meal_id", String.class),
                            row.get("meal_name", String.class), row.get("portions", Integer.class), row.get("served_by", String.class),
                            row.get("served_at", OffsetDateTime.class).toInstant(), row.get("recipe_version", Integer.class),
                            json.readValue(row.get("deducted", String.class), DEDUCTED));
                })
                .all().collectList();
        // one query for a page with rows (the window count is the total); an empty page checks the kitchen and counts
        return items.flatMap(list -> list.isEmpty()
                ? kitchen(kitchenId, caller).then(count.map(row -> row.get(0, Long.class)).one()).map(n -> Page.of(list, page, n))
                : Mono.just(Page.of(list, page, total[0])));
    }

    private static DatabaseClient.GenericExecuteSpec bindFilters(DatabaseClient.GenericExecuteSpec spec, Caller caller, String kitchen,
                                                                 Instant from, Instant to, String mealId, String servedBy) {
        spec = spec.bind("tenant", caller.tenant()).bind("kitchen", kitchen);
        if (from != null) {
            spec = spec.bind("from", from.atOffset(java.time.ZoneOffset.UTC));
        }
        if (to != null) {
            spec = spec.bind("to", to.atOffset(java.time.ZoneOffset.UTC));
        }
        if (mealId != null) {
            spec = spec.bind("meal", mealId);
        }
        if (servedBy != null) {
            spec = spec.bind("user", servedBy);
        }
        return spec;
    }

    /**
     * Alerts, newest first: low-stock alerts and month-end report alerts; {@code active=true} only those not cleared
     * (a report alert stays active: it records a finding).
     */
    @GetMapping("/api/kitchens/{kitchenId}/alerts")
    public Mono<Page<AlertView>> alerts(@PathVariable String kitchenId, Caller caller, PageRequest page,
                                        @RequestParam(required = false) Boolean active) {
        String lowStockFilter = Boolean.TRUE.equals(active) ? " AND cleared_at IS NULL" : Boolean.FALSE.equals(active) ? " AND cleared_at IS NOT NULL" : "";
        String reportFilter = Boolean.FALSE.equals(active) ? " AND FALSE" : "";
        String union = "SELECT 'LOW_STOCK' AS kind, ingredient_id, grams, min_stock_grams, since, cleared_at, NULL::char(7) AS month, "
                + "NULL::varchar AS status, NULL::numeric AS difference_pct, NULL::int AS report_version "
                + "FROM kitchen_alert WHERE tenant = :tenant AND kitchen_id = :kitchen" + lowStockFilter
                + " UNION ALL SELECT 'REPORT', NULL, NULL, NULL, raised_at, NULL, month, status, difference_pct, version "
                + "FROM kitchen_report_alert WHERE tenant = :tenant AND kitchen_id = :kitchen" + reportFilter;
        Mono<Long> total = db.sql("SELECT count(*) FROM (" + union + ") a")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId).map(row -> row.get(0, Long.class)).one();
        Mono<List<AlertView>> items = db.sql(union + " ORDER BY since DESC, kind, ingredient_id LIMIT :limit OFFSET :offset")
                .bind("tenant", caller.tenant()).bind("kitchen", kitchenId).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> {
                    OffsetDateTime cleared = row.get("cleared_at", OffsetDateTime.class);
                    return new AlertView(row.get("kind", String.class), row.get("ingredient_id", String.class),
                            row.get("grams", Long.class), row.get("min_stock_grams", Long.class),
                            row.get("since", OffsetDateTime.class).toInstant(), cleared == null ? null : cleared.toInstant(),
                            row.get("month", String.class), row.get("status", String.class),
                            row.get("difference_pct", BigDecimal.class), row.get("report_version", Integer.class));
                })
                .all().collectList();
        return kitchen(kitchenId, caller).then(Mono.zip(items, total)).map(t -> Page.of(t.getT1(), page, t.getT2()));
    }
}
