package uz.hisob.query.kitchen;

import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The kitchen's read shapes, as kitchen.md names them; shared by the reads and the live stream. */
public final class KitchenViews {

    private KitchenViews() {
    }

    /** A kitchen. */
    public record KitchenView(String id, String name, String timezone, BigDecimal warningThresholdPct,
                              BigDecimal misuseThresholdPct) {
    }

    /** One ingredient's stock. */
    public record StockItem(String ingredientId, String name, long grams, long minStockGrams, boolean belowMinimum) {
        public static StockItem of(String ingredientId, String name, long grams, long minStockGrams) {
            return new StockItem(ingredientId, name, grams, minStockGrams, grams < minStockGrams);
        }
    }

    /** A kitchen's stock at an instant. */
    public record Stock(Instant asOf, List<StockItem> items) {
    }

    /** A meal with its current recipe. */
    public record MealView(String id, String name, int recipeVersion, List<RecipeLine> recipe, boolean retired) {
    }

    /** How many portions of a meal the stock allows, and which ingredient runs out first. */
    public record CapacityItem(String mealId, String name, long portionsPossible, String limitingIngredientId) {

        /** {@code min over the recipe of floor(stock / gramsPerPortion)}; the first line reaching it limits. */
        public static CapacityItem of(String mealId, String name, List<RecipeLine> recipe, Map<String, Long> stock) {
            long best = Long.MAX_VALUE;
            String limiting = null;
            for (RecipeLine line : recipe) {
                long portions = Math.max(0, stock.getOrDefault(line.ingredientId(), 0L)) / line.gramsPerPortion();
                if (portions < best) {
                    best = portions;
                    limiting = line.ingredientId();
                }
            }
            return new CapacityItem(mealId, name, best == Long.MAX_VALUE ? 0 : best, limiting);
        }
    }

    /** The capacity answer. */
    public record Capacity(List<CapacityItem> items) {
    }

    /**
     * An alert: {@code LOW_STOCK} (active while {@code clearedAt} is null) for an ingredient below its minimum, or
     * {@code REPORT} when a month-end report came out WARNING or worse (then {@code month}, {@code status},
     * {@code differencePct} and {@code reportVersion} say which).
     */
    public record AlertView(String kind, String ingredientId, Long grams, Long minStockGrams, Instant since, Instant clearedAt,
                            String month, String status, BigDecimal differencePct, Integer reportVersion) {

        public static AlertView lowStock(String ingredientId, long grams, long minStockGrams, Instant since, Instant clearedAt) {
            return new AlertView("LOW_STOCK", ingredientId, grams, minStockGrams, since, clearedAt, null, null, null, null);
        }
    }

    /** One serving in the log. */
    public record ServingView(String id, String mealId, String mealName, int portions, String servedBy, Instant servedAt,
                              int recipeVersion, List<MealServed.Deduction> deducted) {
    }
}
