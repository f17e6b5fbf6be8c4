package uz.hisob.query.kitchen.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.EmptyResultDataAccessException;
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
import uz.hisob.query.platform.BatchingProjection;
import uz.hisob.query.platform.CopyRows;
import uz.hisob.query.kitchen.KitchenFeed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The kitchen read model in PostgreSQL: kitchens, ingredients and stock (with every movement in business time),
 * meals, the serving log, low-stock alerts, and the change feed the live stream sends. Written with JDBC inside the
 * processor's transaction, which also stores its tracking token: rows and token commit or roll back together.
 *
 * <p>Written per batch, not per event: the first event of a kitchen in a batch loads that kitchen's state (zone,
 * ingredients with their active alert, meals) in one round trip; the batch's events then work on that state in memory
 * and queue their rows (movements, servings, stock, change feed), which go to the database as JDBC batches just before
 * the batch's transaction commits. The processor is the tables' only writer, so the state read at the start of a batch
 * stays true through it. Events that change a kitchen's definition (ingredients, meals) are rare: they write their
 * row at once and change the loaded state in place.
 */
@Component
@ProcessingGroup(KitchenProjection.NAME)
public class KitchenProjection implements BatchingProjection {

    public static final String NAME = "kitchen";
    private static final TypeReference<List<RecipeLine>> RECIPE = new TypeReference<>() {
    };
    private static final List<String> MOVEMENT_COLUMNS = List.of("tenant", "kitchen_id", "ingredient_id", "business_time", "delta", "position");
    private static final List<String> SERVING_COLUMNS = List.of("tenant", "kitchen_id", "id", "meal_id", "meal_name", "portions",
            "served_by", "served_at", "recipe_version", "deducted");

    private final JdbcTemplate jdbc;
    private final JdbcTemplate events;
    private final JsonMapper json;
    /** A rebuild's instance: fills a new generation's tables and never writes the live feed. */
    private final boolean rebuild;
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();
    /** This instance's batch resource in a unit of work (the live and a rebuild's instance never share one). */
    private final String batchKey = KitchenProjection.class.getName() + ".batch#" + INSTANCES.incrementAndGet();

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

    // ---- a kitchen's definition: rare, written at once, and the batch's loaded state updated in place ---------------
    // (reloading the kitchen instead cost a round trip and every ingredient row per definition: a kitchen with
    // thousands of ingredients defined one by one was read thousands of times in one rebuild)

    @EventHandler
    void on(KitchenCreated e) {
        // nothing of a kitchen that does not exist yet can be loaded or queued in the batch
        jdbc.update("INSERT INTO kitchen (tenant, id, name, timezone, warning_threshold_pct, misuse_threshold_pct) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                e.tenant(), e.kitchenId(), e.name(), e.timezone(), e.warningThresholdPct(), e.misuseThresholdPct());
    }

    @EventHandler
    void on(IngredientDefined e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        boolean loaded = b.isLoaded(tenant, e.kitchenId());
        jdbc.update("INSERT INTO kitchen_ingredient (tenant, kitchen_id, id, name, min_stock_grams) VALUES (?, ?, ?, ?, ?)",
                tenant, e.kitchenId(), e.ingredientId(), e.name(), e.minStockGrams());
        KitchenState k = b.kitchen(tenant, e.kitchenId()); // loaded now, it has the new row already
        if (loaded) {
            k.ingredients.put(e.ingredientId(), new Ingredient(e.ingredientId(), e.name(), 0, e.minStockGrams(), null));
        }
        stockChanged(b, k, Set.of(e.ingredientId()), recorded, b.live(token));
    }

    @EventHandler
    void on(IngredientUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        jdbc.update("UPDATE kitchen_ingredient SET name = ?, min_stock_grams = ? WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                e.name(), e.minStockGrams(), tenant, e.kitchenId(), e.ingredientId());
        Ingredient ingredient = k.ingredients.get(e.ingredientId());
        ingredient.name = e.name();
        ingredient.minStock = e.minStockGrams();
        stockChanged(b, k, Set.of(e.ingredientId()), recorded, b.live(token));
    }

    @EventHandler
    void on(MealAdded e, @MetaDataValue(EventMetadata.TENANT) String tenant, TrackingToken token) {
        Batch b = batch();
        boolean loaded = b.isLoaded(tenant, e.kitchenId());
        jdbc.update("INSERT INTO kitchen_meal (tenant, kitchen_id, id, name, recipe_version, recipe) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                tenant, e.kitchenId(), e.mealId(), e.name(), e.recipeVersion(), json.writeValueAsString(e.recipe()));
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        if (loaded) {
            k.meals.put(e.mealId(), new Meal(e.mealId(), e.name(), List.copyOf(e.recipe()), false));
        }
        capacityChanged(b, k, List.of(e.mealId()), b.live(token));
    }

    @EventHandler
    void on(RecipeRevised e, @MetaDataValue(EventMetadata.TENANT) String tenant, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        jdbc.update("UPDATE kitchen_meal SET recipe_version = ?, recipe = ?::jsonb WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                e.recipeVersion(), json.writeValueAsString(e.recipe()), tenant, e.kitchenId(), e.mealId());
        Meal meal = k.meals.get(e.mealId());
        k.meals.put(e.mealId(), new Meal(e.mealId(), meal.name(), List.copyOf(e.recipe()), meal.retired()));
        capacityChanged(b, k, List.of(e.mealId()), b.live(token));
    }

    @EventHandler
    void on(MealRetired e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        jdbc.update("UPDATE kitchen_meal SET retired = TRUE WHERE tenant = ? AND kitchen_id = ? AND id = ?",
                tenant, e.kitchenId(), e.mealId());
        Meal meal = k.meals.get(e.mealId());
        k.meals.put(e.mealId(), new Meal(meal.id(), meal.name(), meal.recipe(), true));
    }

    // ---- stock movements: frequent, worked in memory and written per batch ----------------------------------------

    @EventHandler
    void on(DeliveryBooked e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        b.move(k, e.ingredientId(), k.startOf(e.deliveredOn()), e.grams(), token);
        stockChanged(b, k, Set.of(e.ingredientId()), recorded, b.live(token));
    }

    @EventHandler
    void on(DeliveryReversed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        b.move(k, e.ingredientId(), k.startOf(e.deliveredOn()), -e.grams(), token);
        stockChanged(b, k, Set.of(e.ingredientId()), recorded, b.live(token));
    }

    @EventHandler
    void on(StockWrittenOff e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        b.move(k, e.ingredientId(), k.startOf(e.writtenOffOn()), -e.grams(), token);
        stockChanged(b, k, Set.of(e.ingredientId()), recorded, b.live(token));
    }

    @EventHandler
    void on(StockCounted e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        Set<String> touched = new LinkedHashSet<>();
        for (StockCounted.Line line : e.lines()) {
            if (line.differenceGrams() != 0) {
                b.move(k, line.ingredientId(), e.countedAt(), line.differenceGrams(), token);
                touched.add(line.ingredientId());
            }
        }
        stockChanged(b, k, touched, recorded, b.live(token));
    }

    @EventHandler
    void on(MealServed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant recorded, TrackingToken token) {
        Batch b = batch();
        KitchenState k = b.kitchen(tenant, e.kitchenId());
        Meal meal = k.meals.get(e.mealId());
        b.servings.add(new Object[] {tenant, e.kitchenId(), e.servingId(), e.mealId(), meal.name, e.portions(),
            user == null ? "unknown" : user, java.sql.Timestamp.from(e.servedAt()), e.recipeVersion(), json.writeValueAsString(e.deducted())});
        Set<String> touched = new LinkedHashSet<>();
        for (MealServed.Deduction d : e.deducted()) {
            b.move(k, d.ingredientId(), e.servedAt(), -d.grams(), token);
            touched.add(d.ingredientId());
        }
        stockChanged(b, k, touched, recorded, b.live(token));
    }

    @ResetHandler
    void reset() {
        // the names are views onto the active generation (V7): empty its tables
        Integer generation = jdbc.queryForObject("SELECT generation FROM projection_generation WHERE projection = ?", Integer.class, NAME);
        String schema = KitchenRebuildTarget.schemaOf(generation);
        jdbc.update("TRUNCATE " + String.join(", ", KitchenRebuildTarget.TABLES.stream().map(t -> schema + "." + t).toList()));
        // everything up to the present head was seen live: the replay rebuilds the tables, not the live feed
        Long head = events.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        jdbc.update("INSERT INTO projection_replay (processor, until_position) VALUES (?, ?) "
                + "ON CONFLICT (processor) DO UPDATE SET until_position = EXCLUDED.until_position", NAME, head);
    }

    // ------------------------------------------------------------------------------------------------

    /** After stock of some ingredients changed: alerts, the change feed, and the capacity of meals that use them. */
    private void stockChanged(Batch b, KitchenState k, Set<String> ingredientIds, Instant at, boolean live) {
        Set<String> meals = new LinkedHashSet<>();
        for (String ingredientId : ingredientIds) {
            Ingredient ingredient = k.ingredients.get(ingredientId);
            StockItem item = StockItem.of(ingredient.id, ingredient.name, ingredient.stock, ingredient.minStock);
            if (live) {
                b.change(k, "stock", item);
            }
            evaluateAlert(b, k, ingredient, item, at, live);
            if (live) {
                k.meals.values().stream()
                        .filter(m -> !m.retired && m.recipe.stream().anyMatch(l -> l.ingredientId().equals(ingredientId)))
                        .map(m -> m.id).sorted().forEach(meals::add);
            }
        }
        capacityChanged(b, k, meals, live);
    }

    private void evaluateAlert(Batch b, KitchenState k, Ingredient ingredient, StockItem item, Instant at, boolean live) {
        ActiveAlert active = ingredient.alert;
        if (item.belowMinimum()) {
            if (active == null) {
                jdbc.update("INSERT INTO kitchen_alert (tenant, kitchen_id, ingredient_id, grams, min_stock_grams, since) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", k.tenant, k.id, item.ingredientId(), item.grams(), item.minStockGrams(), java.sql.Timestamp.from(at));
                ingredient.alert = new ActiveAlert(item.grams(), item.minStockGrams(), at);
                if (live) {
                    b.change(k, "alert", AlertView.lowStock(item.ingredientId(), item.grams(), item.minStockGrams(), at, null));
                }
            } else if (active.grams != item.grams() || active.minStock != item.minStockGrams()) {
                jdbc.update("UPDATE kitchen_alert SET grams = ?, min_stock_grams = ? WHERE tenant = ? AND kitchen_id = ? "
                        + "AND ingredient_id = ? AND cleared_at IS NULL", item.grams(), item.minStockGrams(), k.tenant, k.id, item.ingredientId());
                ingredient.alert = new ActiveAlert(item.grams(), item.minStockGrams(), active.since);
                if (live) {
                    b.change(k, "alert", AlertView.lowStock(item.ingredientId(), item.grams(), item.minStockGrams(), active.since, null));
                }
            }
        } else if (active != null) {
            jdbc.update("UPDATE kitchen_alert SET grams = ?, min_stock_grams = ?, cleared_at = ? WHERE tenant = ? AND kitchen_id = ? "
                    + "AND ingredient_id = ? AND cleared_at IS NULL", item.grams(), item.minStockGrams(), java.sql.Timestamp.from(at), k.tenant, k.id,
                    item.ingredientId());
            ingredient.alert = null;
            if (live) {
                b.change(k, "alert", AlertView.lowStock(item.ingredientId(), item.grams(), item.minStockGrams(), active.since, at));
            }
        }
    }

    private void capacityChanged(Batch b, KitchenState k, java.util.Collection<String> mealIds, boolean live) {
        if (mealIds.isEmpty() || !live) {
            return;
        }
        Map<String, Long> stock = new HashMap<>();
        k.ingredients.values().forEach(i -> stock.put(i.id, i.stock));
        for (String mealId : mealIds) {
            Meal meal = k.meals.get(mealId);
            if (meal != null && !meal.retired) {
                b.change(k, "capacity", CapacityItem.of(meal.id, meal.name, meal.recipe, stock));
            }
        }
    }

    @Override
    public void flushPending() {
        batch().flush();
    }

    @Override
    public void discardPending() {
        batch().discard();
    }

    /** The batch the current event belongs to: one per unit of work (a processor's batch), flushed before it commits. */
    private Batch batch() {
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(batchKey, key -> {
            Batch b = new Batch();
            uow.onPrepareCommit(u -> b.flush());
            return b;
        });
    }

    /** One ingredient as the batch sees it. */
    private static final class Ingredient {
        final String id;
        String name;
        long minStock;
        long stock;
        ActiveAlert alert;

        Ingredient(String id, String name, long stock, long minStock, ActiveAlert alert) {
            this.id = id;
            this.name = name;
            this.stock = stock;
            this.minStock = minStock;
            this.alert = alert;
        }
    }

    private record ActiveAlert(long grams, long minStock, Instant since) {
    }

    private record Meal(String id, String name, List<RecipeLine> recipe, boolean retired) {
    }

    /** A kitchen's state for the length of one batch. */
    private static final class KitchenState {
        final String tenant;
        final String id;
        final ZoneId zone;
        final Map<String, Ingredient> ingredients = new TreeMap<>();
        final Map<String, Meal> meals = new TreeMap<>();

        KitchenState(String tenant, String id, ZoneId zone) {
            this.tenant = tenant;
            this.id = id;
            this.zone = zone;
        }

        Instant startOf(LocalDate date) {
            return date.atStartOfDay(zone).toInstant();
        }
    }

    /** What one batch has loaded and what it will write. */
    private final class Batch {
        private final Map<String, KitchenState> kitchens = new HashMap<>();
        private final List<Object[]> movements = new ArrayList<>();
        private final List<Object[]> servings = new ArrayList<>();
        private final Map<Ingredient, KitchenState> dirty = new LinkedHashMap<>();
        private final List<Object[]> changes = new ArrayList<>();
        private Long replayHorizon;

        KitchenState kitchen(String tenant, String kitchenId) {
            return kitchens.computeIfAbsent(tenant + "\n" + kitchenId, key -> load(tenant, kitchenId));
        }

        boolean isLoaded(String tenant, String kitchenId) {
            return kitchens.containsKey(tenant + "\n" + kitchenId);
        }

        /**
         * The kitchen's zone, its ingredients with their active alerts, and its meals, in one round trip: the driver
         * sends the three statements (and, for a batch's first kitchen, the replay horizon's) before it waits for any
         * answer. These used to be three or four round trips per kitchen per batch.
         */
        private KitchenState load(String tenant, String kitchenId) {
            boolean horizon = !rebuild && replayHorizon == null;
            String sql = "SELECT timezone FROM kitchen WHERE tenant = ? AND id = ?; "
                    + "SELECT i.id, i.name, i.stock_grams, i.min_stock_grams, a.grams, a.min_stock_grams, a.since "
                    + "FROM kitchen_ingredient i LEFT JOIN kitchen_alert a ON a.tenant = i.tenant AND a.kitchen_id = i.kitchen_id "
                    + "AND a.ingredient_id = i.id AND a.cleared_at IS NULL WHERE i.tenant = ? AND i.kitchen_id = ?; "
                    + "SELECT id, name, recipe::text, retired FROM kitchen_meal WHERE tenant = ? AND kitchen_id = ?"
                    + (horizon ? "; SELECT until_position FROM projection_replay WHERE processor = ?" : "");
            return jdbc.execute((Connection c) -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < 3; i++) {
                        ps.setString(2 * i + 1, tenant);
                        ps.setString(2 * i + 2, kitchenId);
                    }
                    if (horizon) {
                        ps.setString(7, NAME);
                    }
                    ps.execute();
                    KitchenState k;
                    try (ResultSet rs = ps.getResultSet()) {
                        if (!rs.next()) {
                            throw new EmptyResultDataAccessException(
                                    "No kitchen " + kitchenId + " of tenant " + tenant + " in the read model", 1);
                        }
                        k = new KitchenState(tenant, kitchenId, ZoneId.of(rs.getString(1)));
                    }
                    ps.getMoreResults();
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            java.sql.Timestamp since = rs.getTimestamp(7);
                            ActiveAlert alert = since == null ? null : new ActiveAlert(rs.getLong(5), rs.getLong(6), since.toInstant());
                            k.ingredients.put(rs.getString(1), new Ingredient(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), alert));
                        }
                    }
                    ps.getMoreResults();
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            k.meals.put(rs.getString(1), new Meal(rs.getString(1), rs.getString(2), json.readValue(rs.getString(3), RECIPE),
                                    rs.getBoolean(4)));
                        }
                    }
                    if (horizon) {
                        ps.getMoreResults();
                        try (ResultSet rs = ps.getResultSet()) {
                            replayHorizon = rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
                        }
                    }
                    return k;
                }
            });
        }

        void move(KitchenState k, String ingredientId, Instant at, long delta, TrackingToken token) {
            Ingredient ingredient = k.ingredients.get(ingredientId);
            movements.add(new Object[] {k.tenant, k.id, ingredientId, java.sql.Timestamp.from(at), delta,
                token == null ? -1 : token.position().orElse(-1)});
            ingredient.stock += delta;
            dirty.put(ingredient, k);
        }

        void change(KitchenState k, String kind, Object data) {
            changes.add(new Object[] {k.tenant, k.id, kind, json.writeValueAsString(data)});
        }

        /**
         * False for an event replayed after a reset (a rebuild in place): the live stream's clients saw that change
         * when it happened, so a replay writes the read model but adds nothing to the change feed. Decided from the
         * stored replay horizon, so it holds whichever instance processes the replay. A background rebuild's instance
         * is never live.
         */
        boolean live(TrackingToken token) {
            if (rebuild) {
                return false;
            }
            if (replayHorizon == null) {
                List<Long> until = jdbc.queryForList("SELECT until_position FROM projection_replay WHERE processor = ?", Long.class, NAME);
                replayHorizon = until.isEmpty() ? Long.MIN_VALUE : until.getFirst();
            }
            long position = token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
            return position > replayHorizon;
        }

        /** Forgets what is queued and loaded: the next event loads its kitchen from the database again. */
        void discard() {
            kitchens.clear();
            movements.clear();
            servings.clear();
            dirty.clear();
            changes.clear();
            replayHorizon = null;
        }

        /** Writes what is queued, as JDBC batches; the state stays loaded. */
        void flush() {
            // a rebuild writes the bulk of its rows with COPY into its generation's tables; the live names are views,
            // which COPY cannot write through, and a live batch is small
            if (!movements.isEmpty()) {
                if (rebuild) {
                    CopyRows.into(jdbc, "kitchen_stock_movement", MOVEMENT_COLUMNS, movements);
                } else {
                    jdbc.batchUpdate("INSERT INTO kitchen_stock_movement (" + String.join(", ", MOVEMENT_COLUMNS) + ") "
                            + "VALUES (?, ?, ?, ?, ?, ?)", movements);
                }
                movements.clear();
            }
            if (!servings.isEmpty()) {
                if (rebuild) {
                    CopyRows.into(jdbc, "kitchen_serving", SERVING_COLUMNS, servings);
                } else {
                    jdbc.batchUpdate("INSERT INTO kitchen_serving (" + String.join(", ", SERVING_COLUMNS) + ") "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)", servings);
                }
                servings.clear();
            }
            if (!dirty.isEmpty()) {
                List<Object[]> stock = new ArrayList<>();
                dirty.forEach((i, k) -> stock.add(new Object[] {i.stock, k.tenant, k.id, i.id}));
                jdbc.batchUpdate("UPDATE kitchen_ingredient SET stock_grams = ? WHERE tenant = ? AND kitchen_id = ? AND id = ?", stock);
                dirty.clear();
            }
            if (!changes.isEmpty()) {
                KitchenFeed.lockForAppend(jdbc);
                jdbc.batchUpdate("INSERT INTO kitchen_change (tenant, kitchen_id, kind, data) VALUES (?, ?, ?, ?)", changes);
                changes.clear();
            }
        }
    }
}
