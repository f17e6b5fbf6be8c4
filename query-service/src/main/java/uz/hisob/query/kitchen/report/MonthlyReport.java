package uz.hisob.query.kitchen.report;

import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.DeliveryReversed;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.IngredientUpdated;
import uz.hisob.events.kitchen.KitchenCreated;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.StockCounted;
import uz.hisob.events.kitchen.StockWrittenOff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly misuse report of kitchen.md, computed from a kitchen's events fed in ledger order. It keeps a handful
 * of sums per ingredient, whatever the number of events (the replay streams them in batches).
 *
 * <p>The month is the calendar month in the kitchen's zone by business time. Per ingredient: {@code opening} is the
 * balance before the month; {@code received} deliveries in the month minus their reversals; {@code served} grams
 * deducted by servings; {@code writtenOff}; {@code countAdjustment} the sum of (counted − ledger) of counts in the
 * month; {@code closing = opening + received − served − writtenOff + countAdjustment}; {@code used = opening +
 * received − closing}; {@code portionsPossible = floor(prepared × used / served)}.
 */
public final class MonthlyReport {

    /** The thresholds a version was computed with. */
    public record Thresholds(BigDecimal warningPct, BigDecimal misusePct) {
    }

    /** Portions served of one meal in the month. */
    public record MealLine(String mealId, String name, long portionsServed) {
    }

    /** One ingredient's month. */
    public record IngredientLine(String ingredientId, String name, long openingGrams, long receivedGrams, long servedGrams,
                                 long writtenOffGrams, long countAdjustmentGrams, long closingGrams, long usedGrams,
                                 Long portionsPossible, BigDecimal differencePct, String status) {
    }

    /** The report body of the contract (without {@code diff}, added when answering a recomputation). */
    public record Body(String kitchenId, String month, String timezone, int version, Instant asKnownAt, Instant generatedAt,
                       Thresholds thresholds, long eventsReplayed, String inputDigest, long prepared, long possible,
                       BigDecimal differencePct, String status, List<MealLine> meals, List<IngredientLine> ingredients) {
    }

    public static final String OK = "OK";
    public static final String WARNING = "WARNING";
    public static final String MISUSE_SUSPECTED = "MISUSE_SUSPECTED";
    public static final String USED_WITHOUT_SERVINGS = "USED_WITHOUT_SERVINGS";

    private final YearMonth month;
    private String kitchenId;
    private ZoneId zone;
    private Instant monthStart;
    private Instant monthEnd;
    private Thresholds kitchenThresholds;
    private final Map<String, Sums> ingredients = new TreeMap<>();
    private final Map<String, String> mealNames = new TreeMap<>();
    private final Map<String, Long> portionsByMeal = new TreeMap<>();
    private long prepared;
    private long events;

    private static final class Sums {
        String name;
        long opening;
        long received;
        long served;
        long writtenOff;
        long countAdjustment;
    }

    public MonthlyReport(YearMonth month) {
        this.month = month;
    }

    /** Feeds the next event of the kitchen, in ledger order. */
    public void accept(Object event) {
        events++;
        switch (event) {
            case KitchenCreated e -> {
                kitchenId = e.kitchenId();
                zone = ZoneId.of(e.timezone());
                monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
                monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
                kitchenThresholds = new Thresholds(e.warningThresholdPct(), e.misuseThresholdPct());
            }
            case IngredientDefined e -> sums(e.ingredientId()).name = e.name();
            case IngredientUpdated e -> sums(e.ingredientId()).name = e.name();
            case MealAdded e -> mealNames.put(e.mealId(), e.name());
            case DeliveryBooked e -> {
                Sums s = sums(e.ingredientId());
                switch (when(day(e.deliveredOn()))) {
                    case BEFORE -> s.opening += e.grams();
                    case DURING -> s.received += e.grams();
                    case AFTER -> { }
                }
            }
            case DeliveryReversed e -> {
                Sums s = sums(e.ingredientId());
                switch (when(day(e.deliveredOn()))) {
                    case BEFORE -> s.opening -= e.grams();
                    case DURING -> s.received -= e.grams();
                    case AFTER -> { }
                }
            }
            case StockWrittenOff e -> {
                Sums s = sums(e.ingredientId());
                switch (when(day(e.writtenOffOn()))) {
                    case BEFORE -> s.opening -= e.grams();
                    case DURING -> s.writtenOff += e.grams();
                    case AFTER -> { }
                }
            }
            case StockCounted e -> {
                Period p = when(e.countedAt());
                for (StockCounted.Line line : e.lines()) {
                    Sums s = sums(line.ingredientId());
                    if (p == Period.BEFORE) {
                        s.opening += line.differenceGrams();
                    } else if (p == Period.DURING) {
                        s.countAdjustment += line.differenceGrams();
                    }
                }
            }
            case MealServed e -> {
                Period p = when(e.servedAt());
                for (MealServed.Deduction d : e.deducted()) {
                    Sums s = sums(d.ingredientId());
                    if (p == Period.BEFORE) {
                        s.opening -= d.grams();
                    } else if (p == Period.DURING) {
                        s.served += d.grams();
                    }
                }
                if (p == Period.DURING) {
                    prepared += e.portions();
                    portionsByMeal.merge(e.mealId(), (long) e.portions(), Long::sum);
                }
            }
            default -> { }
        }
    }

    /** True once the kitchen's creation was seen: the kitchen existed at the replayed point in time. */
    public boolean kitchenKnown() {
        return kitchenId != null;
    }

    public Thresholds kitchenThresholds() {
        return kitchenThresholds;
    }

    public Body result(int version, Instant asKnownAt, Instant generatedAt, Thresholds thresholds, String inputDigest) {
        List<IngredientLine> lines = new ArrayList<>();
        long possible = -1;
        boolean usedWithoutServings = false;
        for (Map.Entry<String, Sums> entry : ingredients.entrySet()) {
            Sums s = entry.getValue();
            long closing = s.opening + s.received - s.served - s.writtenOff + s.countAdjustment;
            long used = s.opening + s.received - closing;
            Long portionsPossible = s.served > 0 ? floorDiv(prepared, used, s.served) : null;
            BigDecimal pct = pct(portionsPossible == null ? 0 : portionsPossible, prepared);
            String status;
            if (s.served == 0 && used > 0) {
                status = USED_WITHOUT_SERVINGS;
                usedWithoutServings = true;
            } else {
                status = status(pct, thresholds);
            }
            if (portionsPossible != null) {
                possible = Math.max(possible, portionsPossible);
            }
            lines.add(new IngredientLine(entry.getKey(), s.name, s.opening, s.received, s.served, s.writtenOff,
                    s.countAdjustment, closing, used, portionsPossible, pct, status));
        }
        if (possible < 0) {
            possible = prepared;
        }
        BigDecimal headlinePct = pct(possible, prepared);
        String status = status(headlinePct, thresholds);
        if (usedWithoutServings && status.equals(OK)) {
            status = WARNING;
        }
        List<MealLine> meals = portionsByMeal.entrySet().stream()
                .map(e -> new MealLine(e.getKey(), mealNames.get(e.getKey()), e.getValue())).toList();
        return new Body(kitchenId, month.toString(), zone.getId(), version, asKnownAt, generatedAt, thresholds, events,
                inputDigest, prepared, possible, headlinePct, status, meals, lines);
    }

    /** {@code floor(prepared × used / served)}, exact for any long inputs. */
    private static long floorDiv(long prepared, long used, long served) {
        return BigDecimal.valueOf(prepared).multiply(BigDecimal.valueOf(used))
                .divide(BigDecimal.valueOf(served), 0, RoundingMode.FLOOR).longValueExact();
    }

    /** {@code (possible − prepared) / possible × 100}, half-up to one decimal; 0 when possible is 0. */
    static BigDecimal pct(long possible, long prepared) {
        if (possible == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return BigDecimal.valueOf(possible - prepared).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(possible), 1, RoundingMode.HALF_UP);
    }

    static String status(BigDecimal pct, Thresholds t) {
        if (pct.compareTo(t.misusePct()) >= 0) {
            return MISUSE_SUSPECTED;
        }
        if (pct.compareTo(t.warningPct()) >= 0) {
            return WARNING;
        }
        return OK;
    }

    private enum Period { BEFORE, DURING, AFTER }

    private Period when(Instant businessTime) {
        if (businessTime.isBefore(monthStart)) {
            return Period.BEFORE;
        }
        return businessTime.isBefore(monthEnd) ? Period.DURING : Period.AFTER;
    }

    private Instant day(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    private Sums sums(String ingredientId) {
        return ingredients.computeIfAbsent(ingredientId, k -> new Sums());
    }
}
