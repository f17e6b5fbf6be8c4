package uz.hisob.command.kitchen;

import uz.hisob.command.platform.InMemoryRecordIds;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.kitchen.BookDelivery;
import uz.hisob.api.kitchen.CreateKitchen;
import uz.hisob.api.kitchen.DefineIngredient;
import uz.hisob.events.kitchen.DeliveryBooked;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.KitchenCreated;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Given/when/then tests of the kitchen aggregate's command handlers, including every refusal. */
class KitchenTest {

    static final String TENANT = "demo";
    static final String K = "k1";
    // 2026-03-31 20:30 UTC is already 1 April in Tashkent (UTC+5)
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T20:30:00Z"), ZoneOffset.UTC);

    static final String AGGREGATE = uz.hisob.api.TenantScoped.aggregateId(TENANT, K);

    AggregateTestFixture<Kitchen> fixture;
    InMemoryRecordIds recordIds;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Kitchen.class);
        fixture.registerInjectableResource(CLOCK);
        recordIds = new InMemoryRecordIds();
        fixture.registerInjectableResource(recordIds);
    }

    static KitchenCreated created() {
        return new KitchenCreated(TENANT, K, "Quyosh", "Asia/Tashkent", BigDecimal.TEN, BigDecimal.valueOf(15));
    }

    static IngredientDefined flour() {
        return new IngredientDefined(K, "un", "Un", 1000);
    }

    @Test
    void createKitchen() {
        fixture.givenNoPriorActivity()
                .when(new CreateKitchen(TENANT, K, "Quyosh", "Asia/Tashkent", BigDecimal.TEN, BigDecimal.valueOf(15)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void defineIngredient() {
        fixture.given(created())
                .when(new DefineIngredient(TENANT, K, "un", "Un", 1000))
                .expectEvents(flour());
    }

    @Test
    void defineIngredientTwiceIsRefused() {
        fixture.given(created(), flour())
                .when(new DefineIngredient(TENANT, K, "un", "Flour again", 5))
                .expectNoEvents()
                .expectException(CommandRefused.class)
                .expectExceptionMessage("This kitchen already has an ingredient with id un");
    }

    @Test
    void bookDeliveryDefaultsToTodayInTheKitchensZone() {
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d1", "un", 2500, null, "Chorsu", null))
                .expectEvents(new DeliveryBooked(K, "d1", "un", 2500, LocalDate.of(2026, 4, 1), "Chorsu", null));
    }

    @Test
    void bookDeliveryBackDated() {
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d1", "un", 10, LocalDate.of(2026, 3, 2), null, "late paperwork"))
                .expectEvents(new DeliveryBooked(K, "d1", "un", 10, LocalDate.of(2026, 3, 2), null, "late paperwork"));
    }

    @Test
    void bookDeliveryInTheFutureIsRefused() {
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d1", "un", 10, LocalDate.of(2026, 4, 2), null, null))
                .expectNoEvents()
                .expectExceptionMessage("must not be in the future (today is 2026-04-01 in Asia/Tashkent)")
                .expectException(CommandRefused.class);
    }

    @Test
    void bookDeliveryOfAnUnknownIngredientIsRefusedAsInvalid() {
        fixture.given(created())
                .when(new BookDelivery(TENANT, K, "d1", "tuz", 10, null, null, null))
                .expectNoEvents()
                .expectException(CommandRefused.class)
                .expectExceptionMessage("is not an ingredient of this kitchen");
    }

    @Test
    void aDeliveryIdIsUsedOnce() {
        recordIds.claim(AGGREGATE, "d1"); // as the first booking of d1 did
        fixture.given(created(), flour(), new DeliveryBooked(K, "d1", "un", 10, LocalDate.of(2026, 3, 2), null, null))
                .when(new BookDelivery(TENANT, K, "d1", "un", 10, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRefused.Kind.CONFLICT, "ALREADY_EXISTS", null));
    }

    @Test
    void aBookedDeliveryClaimsItsIdAndARefusedOneDoesNot() {
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d1", "un", 10, null, null, null))
                .expectSuccessfulHandlerExecution();
        assertThat(recordIds.isClaimed(AGGREGATE, "d1")).isTrue();
        fixture.given(created(), flour())
                .when(new BookDelivery(TENANT, K, "d2", "un", 10, LocalDate.of(2026, 4, 2), null, null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "deliveredOn"));
        assertThat(recordIds.isClaimed(AGGREGATE, "d2")).isFalse();
    }

    @Test
    void refusalsCarryTheContractsCodes() {
        fixture.given(created(), flour())
                .when(new DefineIngredient(TENANT, K, "un", "Un", 1))
                .expectException(refused(CommandRefused.Kind.CONFLICT, "ALREADY_EXISTS", null));
        fixture.given(created())
                .when(new BookDelivery(TENANT, K, "d1", "tuz", 10, null, null, null))
                .expectException(refused(CommandRefused.Kind.INVALID, "VALIDATION_FAILED", "ingredientId"));
    }

    /** Matches a {@link CommandRefused} by kind, code and field. */
    static Matcher<CommandRefused> refused(CommandRefused.Kind kind, String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused r) {
                return r.kind() == kind && r.code().equals(code) && java.util.Objects.equals(r.field(), field);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("CommandRefused " + kind + " " + code + " on " + field);
            }
        };
    }

    @Test
    void stockAddsUpFromDeliveries() {
        fixture.given(created(), flour(),
                        new DeliveryBooked(K, "d1", "un", 10, LocalDate.of(2026, 3, 2), null, null),
                        new DeliveryBooked(K, "d2", "un", 32, LocalDate.of(2026, 3, 3), null, null))
                .when(new BookDelivery(TENANT, K, "d3", "un", 8, null, null, null))
                .expectState(k -> assertThat(k.stockOf("un")).isEqualTo(50));
    }
}
