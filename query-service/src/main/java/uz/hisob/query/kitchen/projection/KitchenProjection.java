package uz.hisob.query.kitchen.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.DeliveryReversed;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.IngredientUpdated;
import uz.hisob.events.kitchen.KitchenCreated;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealRetired;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;
import uz.hisob.events.kitchen.RecipeRevised;
import uz.hisob.events.kitchen.StockCounted;
import uz.hisob.events.kitchen.StockWrittenOff;
import uz.hisob.query.kitchen.KitchenViews.AlertView;
import uz.hisob.query.kitchen.KitchenViews.CapacityItem;
import uz.hisob.query.kitchen.KitchenViews.StockItem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kitchen read model in PostgreSQL: kitchens, ingredients and stock (with every movement in business time),
 * meals, the serving log, low-stock alerts, and the change feed the live stream sends. Written with JDBC inside the
 * processor's transaction, which also stores its tracking token: rows and token commit or roll back together.
 */
@Component
@ProcessingGroup(KitchenProjection.NAME)
public class KitchenProjection {

    public static final String NAME = "kitchen";
    private static final TypeReference<List<RecipeLine>> RECIPE = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JdbcTemplate events;
    private final JsonMapper json;
    /** A rebuild's instance: fills a new generation's tables and never writes the live feed. */
    private final boolean rebuild;

    @org.springframework.beans.factory.annotation.Autowired
    public KitchenProjection(JdbcTemplate jdbc, @Qualifier("eventsJdbcTemplate") JdbcTemplate events, JsonMapper json) {
        this(jdbc, events, json, false);
    }

    private KitchenProjection(JdbcTemplate jdbc, JdbcTemplate events, JsonMapper json, boolean rebuild) {
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
        this.rebuild = rebuild;
    }

    /**
     * The handlers a background rebuild runs: the same code, writing through the transaction's search path into the
     * new generation's tables (see {@link KitchenRebuildTarget}), and silent towards the live stream, whose clients
     * saw every one of these changes when it happened.
     */
    KitchenProjection forRebuild() {
        return new KitchenProjection(jdbc, events, json, true);
    }

    @EventHandler
    void on(KitchenCreated e) {
        jdbc.update("INSERT INTO kitchen (tenant, id, name, timezone, warning_threshold_pct, misuse_threshold_pct) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                e.tenant(), e.kitchenId(), e.name(), e.timezone(), e.warningThresholdPct(), e.misuseThresholdPct());
    }

    @EventHandler
    void on(IngredientDefined e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        jdbc.update("INSERT INTO kitchen_ingredient (tenant, kitchen_id, id, name, min_stock_grams) VALUES (?, ?, ?, ?, ?)",
                tenant, e.kitchenId(), e.ingredientId(), e.name(), e.minStockGrams());
        stockChanged(tenant, e.kitchenId(), Set.of(e.ingredientId()), recorded, live(token));
    }

    @EventHandler
    void on(IngredientUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        jdbc.update("UPDATE kitchen_ingredient SET name = ?, min_stock_grams = ? WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                e.name(), e.minStockGrams(), tenant, e.kitchenId(), e.ingredientId());
        stockChanged(tenant, e.kitchenId(), Set.of(e.ingredientId()), recorded, live(token));
    }

    @EventHandler
    void on(MealAdded e, @MetaDataValue(EventMetadata.TENANT) String tenant, TrackingToken token) {
        jdbc.update("INSERT INTO kitchen_meal (tenant, kitchen_id, id, name, recipe_version, recipe) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                tenant, e.kitchenId(), e.mealId(), e.name(), e.recipeVersion(), json.writeValueAsString(e.recipe()));
        capacityChanged(tenant, e.kitchenId(), Set.of(e.mealId()), live(token));
    }

    @EventHandler
    void on(RecipeRevised e, @MetaDataValue(EventMetadata.TENANT) String tenant, TrackingToken token) {
        jdbc.update("UPDATE kitchen_meal SET recipe_version = ?, recipe = ?::jsonb WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                e.recipeVersion(), json.writeValueAsString(e.recipe()), tenant, e.kitchenId(), e.mealId());
        capacityChanged(tenant, e.kitchenId(), Set.of(e.mealId()), live(token));
    }

    @EventHandler
    void on(MealRetired e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE kitchen_meal SET retired = TRUE WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                tenant, e.kitchenId(), e.mealId());
    }

    @EventHandler
    void on(DeliveryBooked e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        move(tenant, e.kitchenId(), e.ingredientId(), startOf(tenant, e.kitchenId(), e.deliveredOn()), e.grams(), token);
        stockChanged(tenant, e.kitchenId(), Set.of(e.ingredientId()), recorded, live(token));
    }

    @EventHandler
    void on(DeliveryReversed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        move(tenant, e.kitchenId(), e.ingredientId(), startOf(tenant, e.kitchenId(), e.deliveredOn()), -e.grams(), token);
        stockChanged(tenant, e.kitchenId(), Set.of(e.ingredientId()), recorded, live(token));
    }

    @EventHandler
    void on(StockWrittenOff e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        move(tenant, e.kitchenId(), e.ingredientId(), startOf(tenant, e.kitchenId(), e.writtenOffOn()), -e.grams(), token);
        stockChanged(tenant, e.kitchenId(), Set.of(e.ingredientId()), recorded, live(token));
    }

    @EventHandler
    void on(StockCounted e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Set<String> touched = new LinkedHashSet<>();
        for (StockCounted.Line line : e.lines()) {
            if (line.differenceGrams() != 0) {
                move(tenant, e.kitchenId(), line.ingredientId(), e.countedAt(), line.differenceGrams(), token);
                touched.add(line.ingredientId());
            }
        }
        stockChanged(tenant, e.kitchenId(), touched, recorded, live(token));
    }

    @EventHandler
    void on(MealServed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant recorded, TrackingToken token) {
        String mealName = jdbc.queryForObject("SELECT name FROM kitchen_meal WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                String.class, tenant, e.kitchenId(), e.mealId());
        jdbc.update("INSERT INTO kitchen_serving (tenant, kitchen_id, id, meal_id, meal_name, portions, served_by, served_at, "
                        + "recipe_version, deducted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                tenant, e.kitchenId(), e.servingId(), e.mealId(), mealName, e.portions(), user == null ? "unknown" : user,
                java.sql.Timestamp.from(e.servedAt()), e.recipeVersion(), json.writeValueAsString(e.deducted()));
        Set<String> touched = new LinkedHashSet<>();
        for (MealServed.Deduction d : e.deducted()) {
            move(tenant, e.kitchenId(), d.ingredientId(), e.servedAt(), -d.grams(), token);
            touched.add(d.ingredientId());
        }
        stockChanged(tenant, e.kitchenId(), touched, recorded, live(token));
    }

    @ResetHandler
    void reset() {
        // the names are views onto the active generation (V7): empty its tables
        Integer generation = jdbc.queryForObject("SELECT generation FROM projection_generation WHERE projection = ?", Integer.class, NAME);
        String schema = KitchenRebuildTarget.schema(generation);
        jdbc.update("TRUNCATE " + String.join(", ", KitchenRebuildTarget.TABLES.stream().map(t -> schema + "." + t).toList()));
        // everything up to the present head was seen live: the replay rebuilds the tables, not the live feed
        Long head = events.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        jdbc.update("INSERT INTO projection_replay (processor, until_position) VALUES (?, ?) "
                + "ON CONFLICT (processor) DO UPDATE SET until_position = EXCLUDED.until_position", NAME, head);
    }

    // ------------------------------------------------------------------------------------------------

    private void move(String tenant, String kitchen, String ingredient, Instant at, long delta, TrackingToken token) {
        jdbc.update("INSERT INTO kitchen_stock_movement (tenant, kitchen_id, ingredient_id, business_time, delta, position) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                tenant, kitchen, ingredient, java.sql.Timestamp.from(at), delta, token == null ? -1 : token.position().orElse(-1));
        jdbc.update("UPDATE kitchen_ingredient SET stock_grams = stock_grams + ? WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                delta, tenant, kitchen, ingredient);
    }

    private Instant startOf(String tenant, String kitchen, LocalDate date) {
        String zone = jdbc.queryForObject("SELECT timezone FROM kitchen WHERE tenant = ? AND id = ?", String.class, tenant, kitchen);
        return date.atStartOfDay(ZoneId.of(zone)).toInstant();
    }

    /**
     * False for an event replayed after a reset (a rebuild): the live stream's clients saw that change when it
     * happened, so a replay writes the read model but adds nothing to the change feed. Decided from the stored replay
     * horizon, so it holds whichever instance processes the replay.
     */
    private boolean live(TrackingToken token) {
        if (rebuild) {
            return false;
        }
        long position = token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
        List<Long> until = jdbc.queryForList("SELECT until_position FROM projection_replay WHERE processor = ?", Long.class, NAME);
        return until.isEmpty() || position > until.getFirst();
    }

    /** After stock of some ingredients changed: alerts, the change feed, and the capacity of meals that use them. */
    private void stockChanged(String tenant, String kitchen, Set<String> ingredientIds, Instant at, boolean live) {
        Set<String> meals = new LinkedHashSet<>();
        for (String ingredientId : ingredientIds) {
            StockItem item = jdbc.queryForObject("SELECT id, name, stock_grams, min_stock_grams FROM kitchen_ingredient "
                            + "WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                    (rs, i) -> StockItem.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                    tenant, kitchen, ingredientId);
            if (live) {
                change(tenant, kitchen, "stock", item);
            }
            evaluateAlert(tenant, kitchen, item, at, live);
            meals.addAll(jdbc.queryForList("SELECT id FROM kitchen_meal WHERE tenant = ? AND kitchen_id = ? AND NOT retired "
                            + "AND recipe @> jsonb_build_array(jsonb_build_object('ingredientId', ?::text)) ORDER BY id",
                    String.class, tenant, kitchen, ingredientId));
        }
        capacityChanged(tenant, kitchen, meals, live);
    }

    private void evaluateAlert(String tenant, String kitchen, StockItem item, Instant at, boolean live) {
        List<AlertView> active = jdbc.query("SELECT ingredient_id, grams, min_stock_grams, since, cleared_at FROM kitchen_alert "
                        + "WHERE tenant = ? AND kitchen_id = ? AND ingredient_id = ? AND cleared_at IS NULL",
                (rs, i) -> AlertView.lowStock(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant(), null),
                tenant, kitchen, item.ingredientId());
        if (item.belowMinimum()) {
            if (active.isEmpty()) {
                jdbc.update("INSERT INTO kitchen_alert (tenant, kitchen_id, ingredient_id, grams, min_stock_grams, since) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", tenant, kitchen, item.ingredientId(), item.grams(), item.minStockGrams(), java.sql.Timestamp.from(at));
                if (live) {
                    change(tenant, kitchen, "alert", AlertView.lowStock(item.ingredientId(), item.grams(), item.minStockGrams(), at, null));
                }
            } else if (active.getFirst().grams() != item.grams() || active.getFirst().minStockGrams() != item.minStockGrams()) {
                AlertView a = active.getFirst();
                jdbc.update("UPDATE kitchen_alert SET grams = ?, min_stock_grams = ? WHERE tenant = ? AND kitchen_id = ? "
                        + "AND ingredient_id = ? AND cleared_at IS NULL", item.grams(), item.minStockGrams(), tenant, kitchen, item.ingredientId());
                if (live) {
                    change(tenant, kitchen, "alert", AlertView.lowStock(a.ingredientId(), item.grams(), item.minStockGrams(), a.since(), null));
                }
            }
        } else if (!active.isEmpty()) {
            AlertView a = active.getFirst();
            jdbc.update("UPDATE kitchen_alert SET grams = ?, min_stock_grams = ?, cleared_at = ? WHERE tenant = ? AND kitchen_id = ? "
                    + "AND ingredient_id = ? AND cleared_at IS NULL", item.grams(), item.minStockGrams(), java.sql.Timestamp.from(at), tenant, kitchen,
                    item.ingredientId());
            if (live) {
                change(tenant, kitchen, "alert", AlertView.lowStock(a.ingredientId(), item.grams(), item.minStockGrams(), a.since(), at));
            }
        }
    }

    private void capacityChanged(String tenant, String kitchen, Set<String> mealIds, boolean live) {
        if (mealIds.isEmpty() || !live) {
            return;
        }
        Map<String, Long> stock = new HashMap<>();
        jdbc.query("SELECT id, stock_grams FROM kitchen_ingredient WHERE tenant = ? AND kitchen_id = ?",
                rs -> {
                    stock.put(rs.getString(1), rs.getLong(2));
                }, tenant, kitchen);
        for (String mealId : mealIds) {
            jdbc.query("SELECT id, name, recipe::text FROM kitchen_meal WHERE tenant = ? AND kitchen_id = ? AND id = ? AND NOT retired",
                    rs -> {
                        CapacityItem item = CapacityItem.of(rs.getString(1), rs.getString(2), json.readValue(rs.getString(3), RECIPE), stock);
                        change(tenant, kitchen, "capacity", item);
                    }, tenant, kitchen, mealId);
        }
    }

    private void change(String tenant, String kitchen, String kind, Object data) {
        jdbc.update("INSERT INTO kitchen_change (tenant, kitchen_id, kind, data) VALUES (?, ?, ?, ?)",
                tenant, kitchen, kind, json.writeValueAsString(data));
    }
}
