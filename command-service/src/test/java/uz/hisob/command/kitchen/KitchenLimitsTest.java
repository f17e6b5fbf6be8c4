package uz.hisob.command.kitchen;

import uz.hisob.command.platform.InMemoryRecordIds;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.kitchen.AddMeal;
import uz.hisob.api.kitchen.BookDelivery;
import uz.hisob.api.kitchen.CountStock;
import uz.hisob.api.kitchen.DefineIngredient;
import uz.hisob.api.kitchen.ReverseDelivery;
import uz.hisob.api.kitchen.ServeMeal;
import uz.hisob.api.kitchen.UpdateIngredient;
import uz.hisob.api.kitchen.WriteOffStock;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealServed;
import uz.hisob.events.kitchen.RecipeLine;
import uz.hisob.events.kitchen.StockCounted;
import uz.hisob.events.kitchen.StockWrittenOff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static uz.hisob.command.kitchen.KitchenTest.CLOCK;
import static uz.hisob.command.kitchen.KitchenTest.K;
import static uz.hisob.command.kitchen.KitchenTest.TENANT;
import static uz.hisob.command.kitchen.KitchenTest.created;
import static uz.hisob.command.kitchen.KitchenTest.flour;
import static uz.hisob.command.kitchen.KitchenTest.refused;

/**
 * Quantities within common.md's limits (at most 10^12 per command, no sum past 2^63−1), and back-dated bookings that
 * never drive the balance below zero at any instant from their business time on (issue #11, points 2 and 3).
 */
class KitchenLimitsTest {

    static final Instant NOW = CLOCK.instant(); // 2026-03-31T20:30Z, 1 April in Tashkent
    static final LocalDate TODAY = LocalDate.of(2026, 4, 1);
    static final long FIVE_E18 = 5_000_000_000_000_000_000L;

    AggregateTestFixture<Kitchen> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Kitchen.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(new InMemoryRecordIds());
    }

    static DeliveryBooked delivered(String id, long grams, LocalDate on) {
        return new DeliveryBooked(K, id, "un", grams, on, null, null);
    }

    static MealAdded bread() {
        return new MealAdded(K, "non", "Non", 1, List.of(new RecipeLine("un", 100)));
    }

    // ---------------------------------------------------------------- 2. grams overflow

    @Test
    void aDeliveryOfMoreThanTenToTheTwelveGramsIsRefused() {
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d1", "un", 1_000_000_000_001L, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "grams"));
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d1", "un", 1_000_000_000_000L, null, null, null))
                .expectEvents(delivered("d1", 1_000_000_000_000L, TODAY));
    }

    @Test
    void aDeliveryThatWouldTakeTheStockPastTwoToTheSixtyThreeIsRefusedNotWrappedAround() {
        // a stock this large can only come from events stored before the limits (the two deliveries of 5·10^18)
        fixture.given(created(), flour(), delivered("d1", FIVE_E18, TODAY.minusDays(1)))
                .when(new BookDelivery(TENANT, K, "d2", "un", 1_000_000_000_000L, null, null, null))
                .expectSuccessfulHandlerExecution();
        fixture.given(created(), flour(), delivered("d1", FIVE_E18, TODAY.minusDays(1)), delivered("d2", 4_223_372_036_854_775_807L, TODAY))
                .when(new BookDelivery(TENANT, K, "d3", "un", 1, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "grams"));
    }

    @Test
    void aBackDatedDeliveryMayNotOverflowAnEarlierBalanceEither() {
        // today's stock is small, but the balance on 1 March was near the ceiling: a delivery dated before it would
        // push that past 2^63−1
        long huge = Long.MAX_VALUE - 10;
        fixture.given(created(), flour(), delivered("d1", huge, LocalDate.of(2026, 3, 1)), bread(),
                        new StockWrittenOff(K, "w1", "un", huge, "spoilt", LocalDate.of(2026, 3, 20)))
                .when(new BookDelivery(TENANT, K, "d2", "un", 100, LocalDate.of(2026, 2, 27), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "grams"));
    }

    @Test
    void quantitiesOverTheLimitAreRefusedOnEveryCommand() {
        long over = 1_000_000_000_001L;
        fixture.given(created())
                .when(new DefineIngredient(TENANT, K, "un", "Un", over))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "minStockGrams"));
        fixture.given(created(), flour())
                .when(new UpdateIngredient(TENANT, K, "un", "Un", over))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "minStockGrams"));
        fixture.given(created(), flour(), delivered("d1", 10, TODAY))
                .when(new WriteOffStock(TENANT, K, "w1", "un", over, "spilt", null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "grams"));
        fixture.given(created(), flour())
                .when(new CountStock(TENANT, K, "c1", null, List.of(new CountStock.Count("un", over))))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "counts[0].grams"));
        fixture.given(created(), flour())
                .when(new AddMeal(TENANT, K, "non", "Non", List.of(new RecipeLine("un", over))))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "recipe[0].gramsPerPortion"));
    }

    // ---------------------------------------------------------------- 3. back-dated bookings

    @Test
    void aServingBackDatedBeforeTheDeliveryThatMadeItPossibleIsRefused() {
        // the case: stock 0; 1000 g delivered 5 days ago; 1000 g served "10 days ago" would make the stock
        // -1000 from then until the delivery
        Instant tenDaysAgo = NOW.minus(10, ChronoUnit.DAYS);
        fixture.given(created(), flour(), bread(), delivered("d1", 1000, TODAY.minusDays(5)))
                .when(new ServeMeal(TENANT, K, "s1", "non", 10, tenDaysAgo))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
        // served after the delivery it is fine
        Instant threeDaysAgo = NOW.minus(3, ChronoUnit.DAYS);
        fixture.given(created(), flour(), bread(), delivered("d1", 1000, TODAY.minusDays(5)))
                .when(new ServeMeal(TENANT, K, "s1", "non", 10, threeDaysAgo))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aBackDatedServingMayNotTakeWhatLaterServingsAlreadyTook() {
        // 1000 g on day −5, 800 g served on day −2: on day −4 only 200 g may still be taken, though stock now is 200
        Instant dayMinus2 = NOW.minus(2, ChronoUnit.DAYS);
        Object[] history = {created(), flour(), bread(), delivered("d1", 1000, TODAY.minusDays(5)),
            new MealServed(K, "s1", "non", 8, dayMinus2, 1, List.of(new MealServed.Deduction("un", 800)))};
        fixture.given(history)
                .when(new ServeMeal(TENANT, K, "s2", "non", 3, NOW.minus(4, ChronoUnit.DAYS)))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
        fixture.given(history)
                .when(new ServeMeal(TENANT, K, "s2", "non", 2, NOW.minus(4, ChronoUnit.DAYS)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aBackDatedWriteOffOrReversalKeepsEveryLaterBalanceAtZeroOrMore() {
        // 500 g on day −6, 500 g on day −3, 900 g served on day −1: the day −6 delivery can no longer be undone
        Object[] history = {created(), flour(), bread(), delivered("d1", 500, TODAY.minusDays(6)),
            delivered("d2", 500, TODAY.minusDays(3)),
            new MealServed(K, "s1", "non", 9, NOW.minus(1, ChronoUnit.DAYS), 1, List.of(new MealServed.Deduction("un", 900)))};
        fixture.given(history)
                .when(new WriteOffStock(TENANT, K, "w1", "un", 150, "spoilt", TODAY.minusDays(5)))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
        fixture.given(history)
                .when(new WriteOffStock(TENANT, K, "w1", "un", 100, "spoilt", TODAY.minusDays(5)))
                .expectSuccessfulHandlerExecution();
        fixture.given(history)
                .when(new ReverseDelivery(TENANT, K, "d1", "wrong supplier"))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
    }

    @Test
    void aBackDatedCountMayNotLeaveALaterBalanceBelowZero() {
        // 1000 g on day −5; 700 g served on day −1. A count on day −3 finding 600 g leaves −100 g after the serving.
        Object[] history = {created(), flour(), bread(), delivered("d1", 1000, TODAY.minusDays(5)),
            new MealServed(K, "s1", "non", 7, NOW.minus(1, ChronoUnit.DAYS), 1, List.of(new MealServed.Deduction("un", 700)))};
        Instant dayMinus3 = NOW.minus(3, ChronoUnit.DAYS);
        fixture.given(history)
                .when(new CountStock(TENANT, K, "c1", dayMinus3, List.of(new CountStock.Count("un", 600))))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.CONFLICT, "INSUFFICIENT_STOCK", null));
        fixture.given(history)
                .when(new CountStock(TENANT, K, "c1", dayMinus3, List.of(new CountStock.Count("un", 700))))
                .expectEvents(new StockCounted(K, "c1", dayMinus3, List.of(new StockCounted.Line("un", 1000, 700, -300))));
    }
}
