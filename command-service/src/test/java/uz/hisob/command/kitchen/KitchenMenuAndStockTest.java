package uz.hisob.command.kitchen;

import uz.hisob.command.platform.InMemoryRecordIds;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.kitchen.AddMeal;
import uz.hisob.api.kitchen.CountStock;
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
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealRetired;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;
import uz.hisob.events.kitchen.RecipeRevised;
import uz.hisob.events.kitchen.StockCounted;
import uz.hisob.events.kitchen.StockWrittenOff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.command.kitchen.KitchenTest.CLOCK;
import static uz.hisob.command.kitchen.KitchenTest.K;
import static uz.hisob.command.kitchen.KitchenTest.TENANT;
import static uz.hisob.command.kitchen.KitchenTest.created;
import static uz.hisob.command.kitchen.KitchenTest.refused;

/** Given/when/then tests of meals, servings, reversals, write-offs and counts, with every refusal of kitchen.md. */
class KitchenMenuAndStockTest {

    // CLOCK is 2026-04-01 01:30 in Tashkent (2026-03-31T20:30Z)
    static final Instant NOW = CLOCK.instant();
    static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);

    AggregateTestFixture<Kitchen> fixture;
    InMemoryRecordIds recordIds;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Kitchen.class);
        fixture.registerInjectableResource(CLOCK);
        recordIds = new InMemoryRecordIds();
        fixture.registerInjectableResource(recordIds);
    }

    static Object[] stocked() {
        return new Object[] {created(),
            new IngredientDefined(K, "guruch", "Guruch", 1000), new IngredientDefined(K, "goshti", "Go'sht", 500),
            new DeliveryBooked(K, "d1", "guruch", 5000, MARCH_2, null, null),
            new DeliveryBooked(K, "d2", "goshti", 2000, MARCH_2, null, null),
            new MealAdded(K, "palov", "Palov", 1, List.of(new RecipeLine("guruch", 100), new RecipeLine("goshti", 50)))};
    }

    @Test
    void updateIngredient() {
        fixture.given(stocked()).when(new UpdateIngredient(TENANT, K, "guruch", "Guruch (lazer)", 800))
                .expectEvents(new IngredientUpdated(K, "guruch", "Guruch (lazer)", 800));
        fixture.given(stocked()).when(new UpdateIngredient(TENANT, K, "nope", "x", 1))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.NOT_FOUND, "NOT_FOUND", null));
    }

    @Test
    void addMealStartsAtRecipeVersionOne() {
        fixture.given(stocked()).when(new AddMeal(TENANT, K, "osh", "Osh", List.of(new RecipeLine("guruch", 80))))
                .expectEvents(new MealAdded(K, "osh", "Osh", 1, List.of(new RecipeLine("guruch", 80))));
    }

    @Test
    void aRecipeMustBeNonEmptyKnownUniqueAndPositive() {
        fixture.given(stocked()).when(new AddMeal(TENANT, K, "x", "X", List.of()))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "recipe"));
        fixture.given(stocked()).when(new AddMeal(TENANT, K, "x", "X", List.of(new RecipeLine("tuz", 1))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "recipe[0].ingredientId"));
        fixture.given(stocked()).when(new AddMeal(TENANT, K, "x", "X", List.of(new RecipeLine("guruch", 1), new RecipeLine("guruch", 2))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "recipe[1].ingredientId"));
        fixture.given(stocked()).when(new AddMeal(TENANT, K, "x", "X", List.of(new RecipeLine("guruch", 0))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "recipe[0].gramsPerPortion"));
        fixture.given(stocked()).when(new AddMeal(TENANT, K, "palov", "Again", List.of(new RecipeLine("guruch", 1))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "ALREADY_EXISTS", null));
    }

    @Test
    void reviseRecipeGrowsTheVersionByOne() {
        fixture.given(stocked()).when(new ReviseRecipe(TENANT, K, "palov", List.of(new RecipeLine("guruch", 120))))
                .expectResultMessagePayload(new Kitchen.RecipeAnswer(2))
                .expectEvents(new RecipeRevised(K, "palov", 2, List.of(new RecipeLine("guruch", 120))));
        fixture.given(stocked()).andGiven(new RecipeRevised(K, "palov", 2, List.of(new RecipeLine("guruch", 120))))
                .when(new ReviseRecipe(TENANT, K, "palov", List.of(new RecipeLine("guruch", 130))))
                .expectEvents(new RecipeRevised(K, "palov", 3, List.of(new RecipeLine("guruch", 130))));
        fixture.given(stocked()).when(new ReviseRecipe(TENANT, K, "nope", List.of(new RecipeLine("guruch", 1))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.NOT_FOUND, "NOT_FOUND", null));
        fixture.given(stocked()).andGiven(new MealRetired(K, "palov"))
                .when(new ReviseRecipe(TENANT, K, "palov", List.of(new RecipeLine("guruch", 1))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "MEAL_RETIRED", null));
    }

    @Test
    void retireMealOnceAndHarmlesslyAgain() {
        fixture.given(stocked()).when(new RetireMeal(TENANT, K, "palov")).expectEvents(new MealRetired(K, "palov"));
        fixture.given(stocked()).andGiven(new MealRetired(K, "palov")).when(new RetireMeal(TENANT, K, "palov"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(stocked()).when(new RetireMeal(TENANT, K, "nope"))
                .expectException(refused(CommandRefused.Kind.NOT_FOUND, "NOT_FOUND", null));
    }

    @Test
    void serveDeductsTheCurrentRecipeForEveryIngredient() {
        Instant at = NOW.minusSeconds(3600);
        List<MealServed.Deduction> deducted = List.of(new MealServed.Deduction("guruch", 1000), new MealServed.Deduction("goshti", 500));
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "palov", 10, at))
                .expectResultMessagePayload(new Kitchen.ServingAnswer(1, deducted))
                .expectEvents(new MealServed(K, "s1", "palov", 10, at, 1, deducted))
                .expectState(k -> {
                    assertThat(k.stockOf("guruch")).isEqualTo(4000);
                    assertThat(k.stockOf("goshti")).isEqualTo(1500);
                });
        fixture.given(stocked()).andGiven(new RecipeRevised(K, "palov", 2, List.of(new RecipeLine("guruch", 70))))
                .when(new ServeMeal(TENANT, K, "s2", "palov", 2, null))
                .expectEvents(new MealServed(K, "s2", "palov", 2, NOW, 2, List.of(new MealServed.Deduction("guruch", 140))));
    }

    @Test
    void serveRefusesWithEveryShortageAndDeductsNothing() {
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "palov", 60, null))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null))
                .expectExceptionMessage("Not enough stock");
        // the shortage list itself, both ingredients
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "palov", 60, null))
                    .expectException(new org.hamcrest.TypeSafeMatcher<CommandRefused>() {
                        @Override
                        protected boolean matchesSafely(CommandRefused r) {
                            return r.details().get("shortages").equals(List.of(
                                    Map.of("ingredientId", "guruch", "requiredGrams", 6000L, "availableGrams", 5000L),
                                    Map.of("ingredientId", "goshti", "requiredGrams", 3000L, "availableGrams", 2000L)));
                        }

                        @Override
                        public void describeTo(org.hamcrest.Description d) {
                            d.appendText("shortages of guruch 6000/5000 and goshti 3000/2000");
                        }
                    });
    }

    @Test
    void serveRefusals() {
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "nope", 1, null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "mealId"));
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "palov", 0, null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "portions"));
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "palov", 10_001, null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "portions"));
        fixture.given(stocked()).when(new ServeMeal(TENANT, K, "s1", "palov", 1, NOW.plusSeconds(1)))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "servedAt"));
        fixture.given(stocked()).andGiven(new MealRetired(K, "palov")).when(new ServeMeal(TENANT, K, "s1", "palov", 1, null))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "MEAL_RETIRED", null));
        recordIds.claim(KitchenTest.AGGREGATE, "s1"); // as the first serving s1 did
        fixture.given(stocked()).andGiven(new MealServed(K, "s1", "palov", 1, NOW, 1, List.of(new MealServed.Deduction("guruch", 100))))
                .when(new ServeMeal(TENANT, K, "s1", "palov", 1, null))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.CONFLICT, "ALREADY_EXISTS", null));
    }

    @Test
    void reverseDelivery() {
        fixture.given(stocked()).when(new ReverseDelivery(TENANT, K, "d2", "returned"))
                .expectEvents(new DeliveryReversed(K, "d2", "goshti", 2000, MARCH_2, "returned"))
                .expectState(k -> assertThat(k.stockOf("goshti")).isZero());
        fixture.given(stocked()).andGiven(new DeliveryReversed(K, "d2", "goshti", 2000, MARCH_2, "returned"))
                .when(new ReverseDelivery(TENANT, K, "d2", "again"))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "ALREADY_REVERSED", null));
        fixture.given(stocked()).andGiven(new StockWrittenOff(K, "w1", "goshti", 1, "x", MARCH_2.plusDays(1)))
                .when(new ReverseDelivery(TENANT, K, "d2", "returned"))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
        fixture.given(stocked()).when(new ReverseDelivery(TENANT, K, "nope", "x"))
                .expectException(refused(CommandRefused.Kind.NOT_FOUND, "NOT_FOUND", null));
    }

    @Test
    void writeOff() {
        fixture.given(stocked()).when(new WriteOffStock(TENANT, K, "w1", "goshti", 300, "spoiled", null))
                .expectEvents(new StockWrittenOff(K, "w1", "goshti", 300, "spoiled", LocalDate.of(2026, 4, 1)));
        fixture.given(stocked()).when(new WriteOffStock(TENANT, K, "w1", "goshti", 2001, "spoiled", null))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
        fixture.given(stocked()).when(new WriteOffStock(TENANT, K, "w1", "goshti", 1, "x", LocalDate.of(2026, 4, 2)))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "writtenOffOn"));
        fixture.given(stocked()).when(new WriteOffStock(TENANT, K, "w1", "tuz", 1, "x", null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "ingredientId"));
    }

    @Test
    void aCountSetsTheBalanceAtItsInstantAndAnswersTheAdjustments() {
        Instant countedAt = Instant.parse("2026-03-20T10:00:00Z");
        // a serving after the count's instant stays after it
        Instant servedLater = Instant.parse("2026-03-21T06:00:00Z");
        fixture.given(stocked())
                .andGiven(new MealServed(K, "s1", "palov", 4, servedLater, 1,
                        List.of(new MealServed.Deduction("guruch", 400), new MealServed.Deduction("goshti", 200))))
                .when(new CountStock(TENANT, K, "c1", countedAt, List.of(new CountStock.Count("goshti", 1700))))
                .expectResultMessagePayload(new Kitchen.CountAnswer(List.of(new StockCounted.Line("goshti", 2000, 1700, -300))))
                .expectEvents(new StockCounted(K, "c1", countedAt, List.of(new StockCounted.Line("goshti", 2000, 1700, -300))))
                .expectState(k -> assertThat(k.stockOf("goshti")).isEqualTo(1500));
    }

    @Test
    void aCountClosesThePeriodUpToItsInstant() {
        Instant countedAt = Instant.parse("2026-03-20T10:00:00Z");
        StockCounted count = new StockCounted(K, "c1", countedAt, List.of(new StockCounted.Line("goshti", 2000, 2000, 0)));
        fixture.given(stocked()).andGiven(count).when(new ServeMeal(TENANT, K, "s1", "palov", 1, countedAt))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "PERIOD_CLOSED", null));
        // 20 March in Tashkent starts before the count's instant: closed
        fixture.given(stocked()).andGiven(count)
                .when(new uz.hisob.api.kitchen.BookDelivery(TENANT, K, "d9", "guruch", 1, LocalDate.of(2026, 3, 20), null, null))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "PERIOD_CLOSED", null));
        fixture.given(stocked()).andGiven(count)
                .when(new uz.hisob.api.kitchen.BookDelivery(TENANT, K, "d9", "guruch", 1, LocalDate.of(2026, 3, 21), null, null))
                .expectSuccessfulHandlerExecution();
        fixture.given(stocked()).andGiven(count).when(new CountStock(TENANT, K, "c2", countedAt, List.of(new CountStock.Count("guruch", 1))))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "PERIOD_CLOSED", null));
        fixture.given(stocked()).andGiven(count).when(new WriteOffStock(TENANT, K, "w1", "guruch", 1, "x", LocalDate.of(2026, 3, 19)))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "PERIOD_CLOSED", null));
        fixture.given(stocked()).andGiven(count).when(new ReverseDelivery(TENANT, K, "d1", "x"))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "PERIOD_CLOSED", null));
    }

    @Test
    void aCountBelowWhatWasTakenAfterItIsRefused() {
        Instant countedAt = Instant.parse("2026-03-20T10:00:00Z");
        fixture.given(stocked())
                .andGiven(new MealServed(K, "s1", "palov", 4, Instant.parse("2026-03-21T06:00:00Z"), 1,
                        List.of(new MealServed.Deduction("guruch", 400), new MealServed.Deduction("goshti", 200))))
                .when(new CountStock(TENANT, K, "c1", countedAt, List.of(new CountStock.Count("goshti", 150))))
                .expectNoEvents().expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
    }

    @Test
    void countRefusals() {
        fixture.given(stocked()).when(new CountStock(TENANT, K, "c1", NOW.plusSeconds(60), List.of(new CountStock.Count("guruch", 1))))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "countedAt"));
        fixture.given(stocked()).when(new CountStock(TENANT, K, "c1", null, List.of(new CountStock.Count("tuz", 1))))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "counts[0].ingredientId"));
        fixture.given(stocked()).when(new CountStock(TENANT, K, "c1", null,
                        List.of(new CountStock.Count("guruch", 1), new CountStock.Count("guruch", 2))))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "counts[1].ingredientId"));
    }
}
