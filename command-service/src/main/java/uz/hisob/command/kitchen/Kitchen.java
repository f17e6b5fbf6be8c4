package uz.hisob.command.kitchen;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.TenantScoped;
import uz.hisob.api.kitchen.BookDelivery;
import uz.hisob.api.kitchen.CreateKitchen;
import uz.hisob.api.kitchen.DefineIngredient;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.KitchenCreated;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One kitchen: its ingredients and their stock in grams. Every invariant that spans ingredients (serving deducts all
 * of a recipe or nothing; stock never below zero) lives here, so one aggregate per kitchen decides it.
 */
@Aggregate(snapshotTriggerDefinition = "kitchenSnapshotTrigger", cache = "kitchenCache")
public class Kitchen {

    @AggregateIdentifier
    private String id;
    private ZoneId zone;
    private final Map<String, Ingredient> ingredients = new HashMap<>();
    private final Set<String> deliveries = new HashSet<>();

    /** An ingredient's state as the aggregate needs it; immutable, replaced on every change. */
    record Ingredient(String id, long stockGrams) {
        Ingredient plus(long grams) {
            return new Ingredient(id, stockGrams + grams);
        }
    }

    protected Kitchen() {
        // for Axon
    }

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
        apply(new IngredientDefined(cmd.kitchenId(), cmd.ingredientId(), cmd.name(), cmd.minStockGrams()));
    }

    @CommandHandler
    public void handle(BookDelivery cmd, Clock clock) {
        if (!ingredients.containsKey(cmd.ingredientId())) {
            throw CommandRefused.invalid("ingredientId", "is not an ingredient of this kitchen");
        }
        if (deliveries.contains(cmd.deliveryId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This kitchen already has a delivery with id " + cmd.deliveryId());
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate deliveredOn = cmd.deliveredOn() == null ? today : cmd.deliveredOn();
        if (deliveredOn.isAfter(today)) {
            throw CommandRefused.invalid("deliveredOn", "must not be in the future (today is " + today + " in " + zone + ")");
        }
        apply(new DeliveryBooked(cmd.kitchenId(), cmd.deliveryId(), cmd.ingredientId(), cmd.grams(), deliveredOn,
                cmd.supplier(), cmd.note()));
    }

    @EventSourcingHandler
    void on(KitchenCreated e) {
        this.id = TenantScoped.aggregateId(e.tenant(), e.kitchenId());
        this.zone = ZoneId.of(e.timezone());
    }

    @EventSourcingHandler
    void on(IngredientDefined e) {
        ingredients.put(e.ingredientId(), new Ingredient(e.ingredientId(), 0));
    }

    @EventSourcingHandler
    void on(DeliveryBooked e) {
        deliveries.add(e.deliveryId());
        ingredients.computeIfPresent(e.ingredientId(), (id, i) -> i.plus(e.grams()));
    }

    long stockOf(String ingredientId) {
        return ingredients.get(ingredientId).stockGrams();
    }
}
