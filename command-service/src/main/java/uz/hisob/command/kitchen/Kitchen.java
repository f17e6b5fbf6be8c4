package uz.hisob.command.kitchen;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.TenantScoped;
import uz.hisob.command.platform.CommandRules;
import uz.hisob.command.platform.RecordIds;
import uz.hisob.api.kitchen.AddMeal;
import uz.hisob.api.kitchen.BookDelivery;
import uz.hisob.api.kitchen.CountStock;
import uz.hisob.api.kitchen.CreateKitchen;
import uz.hisob.api.kitchen.DefineIngredient;
import uz.hisob.api.kitchen.RetireMeal;
import uz.hisob.api.kitchen.ReverseDelivery;
import uz.hisob.api.kitchen.ReviseRecipe;
import uz.hisob.api.kitchen.ServeMeal;
import uz.hisob.api.kitchen.UpdateIngredient;
import uz.hisob.api.kitchen.WriteOffStock;
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

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One kitchen: its ingredients and their stock in grams, its meals and their versioned recipes. Every invariant that
 * spans ingredients lives here, so one aggregate per kitchen decides it, one command at a time:
 * <ul>
 *   <li>serving deducts {@code portions × gramsPerPortion} of every ingredient of the current recipe, or nothing;</li>
 *   <li>stock never goes below zero;</li>
 *   <li>a stock count closes the period up to its instant: nothing may be booked at or before it.</li>
 * </ul>
 * Business time may be back-dated into the open period (late paperwork). To know the ledger balance at a count's
 * instant the aggregate keeps the movements booked since the last count, per ingredient.
 */
@Aggregate(snapshotTriggerDefinition = "kitchenSnapshotTrigger", cache = "kitchenCache")
@Revision("2") // of the snapshot shape (2: record ids moved out to RecordIds): a change to the state below bumps it, and older snapshots are ignored
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Kitchen {

    static final int MAX_PORTIONS = 10_000;

    @AggregateIdentifier
    private String id;
    private ZoneId zone;
    /** The latest count's instant: the end of the closed period. */
    private Instant closedUntil;
    // not final: Jackson restores these from a snapshot (Jackson 3 does not write final fields)
    private Map<String, Ingredient> ingredients = new HashMap<>();
    private Map<String, Meal> meals = new HashMap<>();
    private Map<String, Delivery> deliveries = new HashMap<>();

    /**
     * An ingredient's state. {@code open} = the movements booked since the last count, in booking order: the count's
     * balance at a back-dated instant needs them. A booking appends to it in place; the list used to be copied on every
     * booking, so each serving cost as much as every movement since the last count (measured in docs/benchmarks.md).
     * Snapshots hold the fields {@code id}, {@code stockGrams} and {@code open}, as in revision 2.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class Ingredient {
        private String id;
        private long stockGrams;
        private List<Movement> open = new ArrayList<>();
        /**
         * The latest business instant of the open movements, or null until first needed (derived, not in snapshots:
         * computed once from {@code open} on the first check).
         */
        private transient Instant latest;

        private Ingredient() {
            // for Jackson (snapshots)
        }

        Ingredient(String id) {
            this.id = id;
        }

        long stockGrams() {
            return stockGrams;
        }

        void move(Instant at, long delta) {
            open.add(new Movement(at, delta));
            stockGrams += delta;
            if (latest != null && at.isAfter(latest)) {
                latest = at;
            }
        }

        /** The ledger balance at a business instant in the open period. */
        long balanceAt(Instant at) {
            long later = 0;
            for (Movement m : open) {
                if (m.at().isAfter(at)) {
                    later += m.delta();
                }
            }
            return stockGrams - later;
        }

        /**
         * The lowest and the highest balance at any instant from {@code at} on: a booking at {@code at} changes every
         * one of them, so these bound what it may take or add. Movements booked "now" (the usual case) have nothing
         * after them, and the answer is the stock itself without a scan.
         */
        long[] balanceRangeFrom(Instant at) {
            if (latest == null) {
                latest = open.stream().map(Movement::at).max(Instant::compareTo).orElse(Instant.MIN);
            }
            if (!latest.isAfter(at)) {
                return new long[] {stockGrams, stockGrams}; // nothing booked after it: the usual "now", no scan
            }
            List<Movement> later = new ArrayList<>();
            long laterSum = 0;
            for (Movement m : open) {
                if (m.at().isAfter(at)) {
                    later.add(m);
                    laterSum += m.delta();
                }
            }
            long balance = stockGrams - laterSum;
            long min = balance;
            long max = balance;
            if (!later.isEmpty()) {
                later.sort(java.util.Comparator.comparing(Movement::at));
                for (Movement m : later) {
                    balance += m.delta();
                    min = Math.min(min, balance);
                    max = Math.max(max, balance);
                }
            }
            return new long[] {min, max};
        }

        /** The stock after a count at {@code at} found {@code counted}: the balance at that instant becomes the count. */
        long stockAfterCount(Instant at, long counted) {
            return stockGrams + (counted - balanceAt(at));
        }

        void count(Instant at, long counted) {
            stockGrams = stockAfterCount(at, counted);
        }

        /** Forgets the movements at or before a count's instant: nothing may be booked there any more. */
        void close(Instant at) {
            open.removeIf(m -> !m.at().isAfter(at));
        }

        // value equality, as when this was a record: Axon's test fixture compares the state a command left with the
        // state its events rebuild
        @Override
        public boolean equals(Object o) {
            return o instanceof Ingredient i && id.equals(i.id) && stockGrams == i.stockGrams && open.equals(i.open);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, stockGrams, open);
        }
    }

    /** A stock movement at a business instant. */
    record Movement(Instant at, long delta) {
    }

    /** A meal with its current recipe. */
    record Meal(String id, String name, int recipeVersion, List<RecipeLine> recipe, boolean retired) {
    }

    /** A delivery as far as reversing it needs. */
    record Delivery(String id, String ingredientId, long grams, LocalDate deliveredOn, boolean reversed) {
    }

    /** What a serving answers besides id and position. */
    public record ServingAnswer(int recipeVersion, List<MealServed.Deduction> deducted) {
    }

    /** What a recipe revision answers besides position. */
    public record RecipeAnswer(int recipeVersion) {
    }

    /** What a stock count answers besides id and position. */
    public record CountAnswer(List<StockCounted.Line> adjustments) {
    }

    protected Kitchen() {
        // for Axon
    }

    // ---------------------------------------------------------------- commands

    @CommandHandler
    public Kitchen(CreateKitchen cmd) {
        apply(new KitchenCreated(cmd.tenant(), cmd.kitchenId(), cmd.name(), cmd.timezone(), cmd.warningThresholdPct(),
                cmd.misuseThresholdPct()));
    }

    @CommandHandler
    public void handle(DefineIngredient cmd) {
        if (ingredients.containsKey(cmd.ingredientId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This kitchen already has an ingredient with id " + cmd.ingredientId());
        }
        CommandRules.requireQuantity(cmd.minStockGrams(), 0, "minStockGrams");
        apply(new IngredientDefined(cmd.kitchenId(), cmd.ingredientId(), cmd.name(), cmd.minStockGrams()));
    }

    @CommandHandler
    public void handle(UpdateIngredient cmd) {
        if (!ingredients.containsKey(cmd.ingredientId())) {
            throw CommandRefused.notFound("Ingredient not found");
        }
        CommandRules.requireQuantity(cmd.minStockGrams(), 0, "minStockGrams");
        apply(new IngredientUpdated(cmd.kitchenId(), cmd.ingredientId(), cmd.name(), cmd.minStockGrams()));
    }

    @CommandHandler
    public void handle(AddMeal cmd) {
        if (meals.containsKey(cmd.mealId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This kitchen already has a meal with id " + cmd.mealId());
        }
        checkRecipe(cmd.recipe());
        apply(new MealAdded(cmd.kitchenId(), cmd.mealId(), cmd.name(), 1, List.copyOf(cmd.recipe())));
    }

    @CommandHandler
    public RecipeAnswer handle(ReviseRecipe cmd) {
        Meal meal = meal(cmd.mealId());
        if (meal.retired()) {
            throw CommandRefused.conflict("MEAL_RETIRED", "The meal is retired; its recipe can no longer change");
        }
        checkRecipe(cmd.recipe());
        int version = meal.recipeVersion() + 1;
        apply(new RecipeRevised(cmd.kitchenId(), cmd.mealId(), version, List.copyOf(cmd.recipe())));
        return new RecipeAnswer(version);
    }

    @CommandHandler
    public void handle(RetireMeal cmd) {
        if (!meal(cmd.mealId()).retired()) {
            apply(new MealRetired(cmd.kitchenId(), cmd.mealId()));
        }
    }

    @CommandHandler
    public void handle(BookDelivery cmd, Clock clock, RecordIds recordIds) {
        requireIngredient(cmd.ingredientId(), "ingredientId");
        CommandRules.requireQuantity(cmd.grams(), 1, "grams");
        LocalDate deliveredOn = businessDate(cmd.deliveredOn(), "deliveredOn", clock);
        requireOpen(startOf(deliveredOn));
        requireRoom(cmd.ingredientId(), startOf(deliveredOn), cmd.grams(), "grams");
        claimId(recordIds, cmd.deliveryId(), "delivery");
        apply(new DeliveryBooked(cmd.kitchenId(), cmd.deliveryId(), cmd.ingredientId(), cmd.grams(), deliveredOn,
                cmd.supplier(), cmd.note()));
    }

    @CommandHandler
    public void handle(ReverseDelivery cmd) {
        Delivery delivery = deliveries.get(cmd.deliveryId());
        if (delivery == null) {
            throw CommandRefused.notFound("Delivery not found");
        }
        if (delivery.reversed()) {
            throw CommandRefused.conflict("ALREADY_REVERSED", "This delivery was reversed already");
        }
        requireOpen(startOf(delivery.deliveredOn()));
        requireStock(startOf(delivery.deliveredOn()), Map.of(delivery.ingredientId(), delivery.grams()));
        apply(new DeliveryReversed(cmd.kitchenId(), cmd.deliveryId(), delivery.ingredientId(), delivery.grams(),
                delivery.deliveredOn(), cmd.reason()));
    }

    @CommandHandler
    public void handle(WriteOffStock cmd, Clock clock, RecordIds recordIds) {
        requireIngredient(cmd.ingredientId(), "ingredientId");
        CommandRules.requireQuantity(cmd.grams(), 1, "grams");
        LocalDate on = businessDate(cmd.writtenOffOn(), "writtenOffOn", clock);
        requireOpen(startOf(on));
        requireStock(startOf(on), Map.of(cmd.ingredientId(), cmd.grams()));
        claimId(recordIds, cmd.writeOffId(), "write-off");
        apply(new StockWrittenOff(cmd.kitchenId(), cmd.writeOffId(), cmd.ingredientId(), cmd.grams(), cmd.reason(), on));
    }

    @CommandHandler
    public CountAnswer handle(CountStock cmd, Clock clock, RecordIds recordIds) {
        Instant at = businessInstant(cmd.countedAt(), "countedAt", clock);
        requireOpen(at);
        Set<String> seen = new HashSet<>();
        List<StockCounted.Line> lines = new ArrayList<>();
        List<Map<String, Object>> shortages = new ArrayList<>();
        for (int i = 0; i < cmd.counts().size(); i++) {
            CountStock.Count c = cmd.counts().get(i);
            requireIngredient(c.ingredientId(), "counts[" + i + "].ingredientId");
            if (!seen.add(c.ingredientId())) {
                throw CommandRefused.invalid("counts[" + i + "].ingredientId", "is counted twice");
            }
            CommandRules.requireQuantity(c.grams(), 0, "counts[" + i + "].grams");
            Ingredient ingredient = ingredients.get(c.ingredientId());
            long ledger = ingredient.balanceAt(at);
            lines.add(new StockCounted.Line(c.ingredientId(), ledger, c.grams(), c.grams() - ledger));
            // the count moves every later balance by (counted - ledger): none may fall below zero or overflow
            long[] range = ingredient.balanceRangeFrom(at);
            long lowest = exact(() -> Math.addExact(c.grams(), Math.subtractExact(range[0], ledger)), "counts[" + i + "].grams");
            exact(() -> Math.addExact(c.grams(), Math.subtractExact(range[1], ledger)), "counts[" + i + "].grams");
            if (lowest < 0) {
                // servings and write-offs booked after the count's instant took more than was counted
                shortages.add(shortage(c.ingredientId(), c.grams() - lowest, c.grams()));
            }
        }
        if (!shortages.isEmpty()) {
            throw CommandRefused.conflict("INSUFFICIENT_STOCK",
                    "Servings and write-offs booked after the count's instant exceed what was counted",
                    Map.of("shortages", shortages));
        }
        claimId(recordIds, cmd.countId(), "stock count");
        apply(new StockCounted(cmd.kitchenId(), cmd.countId(), at, List.copyOf(lines)));
        return new CountAnswer(lines);
    }

    @CommandHandler
    public ServingAnswer handle(ServeMeal cmd, Clock clock, RecordIds recordIds) {
        Meal meal = meals.get(cmd.mealId());
        if (meal == null) {
            throw CommandRefused.invalid("mealId", "is not a meal of this kitchen");
        }
        if (cmd.portions() < 1 || cmd.portions() > MAX_PORTIONS) {
            throw CommandRefused.invalid("portions", "must be between 1 and " + MAX_PORTIONS);
        }
        Instant at = businessInstant(cmd.servedAt(), "servedAt", clock);
        if (meal.retired()) {
            throw CommandRefused.conflict("MEAL_RETIRED", "The meal is retired and can no longer be served");
        }
        requireOpen(at);
        Map<String, Long> required = new LinkedHashMap<>();
        for (RecipeLine line : meal.recipe()) {
            required.put(line.ingredientId(), Math.multiplyExact(line.gramsPerPortion(), (long) cmd.portions()));
        }
        requireStock(at, required);
        List<MealServed.Deduction> deducted = required.entrySet().stream()
                .map(e -> new MealServed.Deduction(e.getKey(), e.getValue())).toList();
        claimId(recordIds, cmd.servingId(), "serving");
        apply(new MealServed(cmd.kitchenId(), cmd.servingId(), cmd.mealId(), cmd.portions(), at,
                meal.recipeVersion(), deducted));
        return new ServingAnswer(meal.recipeVersion(), deducted);
    }

    // ---------------------------------------------------------------- rules shared by commands

    private void checkRecipe(List<RecipeLine> recipe) {
        if (recipe == null || recipe.isEmpty()) {
            throw CommandRefused.invalid("recipe", "must name at least one ingredient");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < recipe.size(); i++) {
            RecipeLine line = recipe.get(i);
            requireIngredient(line.ingredientId(), "recipe[" + i + "].ingredientId");
            if (!seen.add(line.ingredientId())) {
                throw CommandRefused.invalid("recipe[" + i + "].ingredientId", "appears twice in the recipe");
            }
            CommandRules.requireQuantity(line.gramsPerPortion(), 1, "recipe[" + i + "].gramsPerPortion");
        }
    }

    private void requireIngredient(String ingredientId, String field) {
        if (!ingredients.containsKey(ingredientId)) {
            throw CommandRefused.invalid(field, "is not an ingredient of this kitchen");
        }
    }

    /** Claims a record id (last, once every rule has passed); refuses one this kitchen used before. */
    private void claimId(RecordIds recordIds, String id, String what) {
        if (!recordIds.claim(this.id, id)) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This kitchen already has a " + what + " with id " + id);
        }
    }

    private Meal meal(String mealId) {
        Meal meal = meals.get(mealId);
        if (meal == null) {
            throw CommandRefused.notFound("Meal not found");
        }
        return meal;
    }

    /**
     * Refuses, listing every shortage, unless taking the grams required at business instant {@code at} leaves every
     * balance from then on at zero or more: a back-dated booking must not drive the stock below zero at any instant
     * (an {@code asOf} read, the report), not only now. What is available is the lowest balance from {@code at} on.
     */
    private void requireStock(Instant at, Map<String, Long> required) {
        List<Map<String, Object>> shortages = new ArrayList<>();
        required.forEach((ingredientId, grams) -> {
            long available = ingredients.get(ingredientId).balanceRangeFrom(at)[0];
            if (available < grams) {
                shortages.add(shortage(ingredientId, grams, available));
            }
        });
        if (!shortages.isEmpty()) {
            throw CommandRefused.conflict("INSUFFICIENT_STOCK", "Not enough stock", Map.of("shortages", shortages));
        }
    }

    /** Refuses (400) an addition at {@code at} that would take some balance from then on beyond 2^63−1 grams. */
    private void requireRoom(String ingredientId, Instant at, long grams, String field) {
        long highest = ingredients.get(ingredientId).balanceRangeFrom(at)[1];
        exact(() -> Math.addExact(highest, grams), field);
    }

    private static Map<String, Object> shortage(String ingredientId, long required, long available) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ingredientId", ingredientId);
        s.put("requiredGrams", required);
        s.put("availableGrams", available);
        return s;
    }

    private void requireOpen(Instant businessTime) {
        if (closedUntil != null && !businessTime.isAfter(closedUntil)) {
            throw CommandRefused.conflict("PERIOD_CLOSED", "The period up to the stock count of " + closedUntil
                    + " is closed; book this after it");
        }
    }

    private static long exact(java.util.function.LongSupplier sum, String field) {
        return CommandRules.exact(sum, field, "grams");
    }

    private LocalDate businessDate(LocalDate given, String field, Clock clock) {
        return CommandRules.businessDate(given, field, clock, zone);
    }

    private static Instant businessInstant(Instant given, String field, Clock clock) {
        Instant now = clock.instant();
        if (given == null) {
            return now;
        }
        if (given.isAfter(now)) {
            throw CommandRefused.invalid(field, "must not be in the future");
        }
        return given;
    }

    private Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(KitchenCreated e) {
        this.id = TenantScoped.aggregateId(e.tenant(), e.kitchenId());
        this.zone = ZoneId.of(e.timezone());
    }

    @EventSourcingHandler
    void on(IngredientDefined e) {
        ingredients.put(e.ingredientId(), new Ingredient(e.ingredientId()));
    }

    @EventSourcingHandler
    void on(MealAdded e) {
        meals.put(e.mealId(), new Meal(e.mealId(), e.name(), e.recipeVersion(), e.recipe(), false));
    }

    @EventSourcingHandler
    void on(RecipeRevised e) {
        meals.computeIfPresent(e.mealId(), (k, m) -> new Meal(m.id(), m.name(), e.recipeVersion(), e.recipe(), m.retired()));
    }

    @EventSourcingHandler
    void on(MealRetired e) {
        meals.computeIfPresent(e.mealId(), (k, m) -> new Meal(m.id(), m.name(), m.recipeVersion(), m.recipe(), true));
    }

    @EventSourcingHandler
    void on(DeliveryBooked e) {
        deliveries.put(e.deliveryId(), new Delivery(e.deliveryId(), e.ingredientId(), e.grams(), e.deliveredOn(), false));
        move(e.ingredientId(), startOf(e.deliveredOn()), e.grams());
    }

    @EventSourcingHandler
    void on(DeliveryReversed e) {
        deliveries.computeIfPresent(e.deliveryId(), (k, d) -> new Delivery(d.id(), d.ingredientId(), d.grams(), d.deliveredOn(), true));
        move(e.ingredientId(), startOf(e.deliveredOn()), -e.grams());
    }

    @EventSourcingHandler
    void on(StockWrittenOff e) {
        move(e.ingredientId(), startOf(e.writtenOffOn()), -e.grams());
    }

    @EventSourcingHandler
    void on(StockCounted e) {
        for (StockCounted.Line line : e.lines()) {
            Ingredient counted = ingredients.get(line.ingredientId());
            if (counted != null) {
                counted.count(e.countedAt(), line.countedGrams());
            }
        }
        // movements of ingredients not counted are closed too: nothing may be booked at or before the count
        ingredients.values().forEach(i -> i.close(e.countedAt()));
        closedUntil = e.countedAt();
    }

    @EventSourcingHandler
    void on(MealServed e) {
        for (MealServed.Deduction d : e.deducted()) {
            move(d.ingredientId(), e.servedAt(), -d.grams());
        }
    }

    private void move(String ingredientId, Instant at, long delta) {
        Ingredient ingredient = ingredients.get(ingredientId);
        if (ingredient != null) {
            ingredient.move(at, delta);
        }
    }

    long stockOf(String ingredientId) {
        return ingredients.get(ingredientId).stockGrams();
    }
}
