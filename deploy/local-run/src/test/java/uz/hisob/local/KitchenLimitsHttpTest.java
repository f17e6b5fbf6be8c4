package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Quantities and back-dated bookings over HTTP (issue #11, points 2 and 3): refused as the contract says, never stored. */
class KitchenLimitsHttpTest extends SystemTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void gramsBeyondTheLimitsAreRefusedWith400AndTheStockNeverWrapsAround() {
        KitchenApi k = KitchenApi.create("grams").ingredient("un", 0);
        for (int i = 0; i < 2; i++) {
            Map<?, ?> problem = k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"),
                    Map.of("ingredientId", "un", "grams", 5_000_000_000_000_000_000L)), 400);
            assertThat(problem.get("code")).isEqualTo("VALIDATION_FAILED");
            assertThat((List<Object>) problem.get("errors")).extracting(e -> (Object) ((Map<?, ?>) e).get("field")).containsExactly("grams");
        }
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 1_000_000_000_000L)), 201);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/ingredients"), Map.of("id", "tuz", "name", "Tuz", "minStockGrams",
                1_000_000_000_001L)), 400);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/stock-counts"), Map.of("counts",
                List.of(Map.of("ingredientId", "un", "grams", 1_000_000_000_001L)))), 400);
        assertThat(k.stock("un")).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void aServingBackDatedBeforeItsDeliveryIsRefusedAndNoAsOfReadGoesNegative() {
        KitchenApi k = KitchenApi.create("backdate").ingredient("un", 0).meal("non", "un", 100);
        ZoneId tashkent = ZoneId.of("Asia/Tashkent");
        LocalDate fiveDaysAgo = LocalDate.now(tashkent).minusDays(5);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 1000,
                "deliveredOn", fiveDaysAgo.toString())), 201);
        Instant tenDaysAgo = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<?, ?> problem = k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 10,
                "servedAt", tenDaysAgo.toString())), 409);
        assertThat(problem.get("code")).isEqualTo("INSUFFICIENT_STOCK");
        // the balance at every instant stays at zero or more
        for (int daysAgo = 12; daysAgo >= 0; daysAgo--) {
            Instant at = Instant.now().minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            Map<?, ?> stock = k.read("/stock?asOf=" + at);
            long grams = ((Number) ((Map<?, ?>) ((List<?>) stock.get("items")).getFirst()).get("grams")).longValue();
            assertThat(grams).as("stock as of %s", at).isGreaterThanOrEqualTo(0);
        }
        // served after the delivery, the same serving is fine
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 10,
                "servedAt", Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())), 201);
        assertThat(k.stock("un")).isZero();
    }
}
