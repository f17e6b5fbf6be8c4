package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kitchen command, and stock, capacity, alerts, meals and the serving log after each, with exact numbers. */
class KitchenFlowTest extends SystemTestSupport {

    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    @Test
    void stockCapacityAndAlertsFollowEveryKindOfCommand() {
        KitchenApi k = KitchenApi.create("flow").ingredient("guruch", 1000).ingredient("goshti", 500).ingredient("sabzi", 0);
        // a new ingredient below its minimum is an active alert from the start
        assertThat(activeAlerts(k)).containsExactlyInAnyOrder("guruch", "goshti");
        k.deliver("guruch", 5000).deliver("goshti", 2000).deliver("sabzi", 3000);
        assertThat(activeAlerts(k)).isEmpty();
        k.meal("palov", "guruch", 100, "goshti", 50, "sabzi", 40);
        assertThat(k.capacityOf("palov")).isEqualTo(Map.of("mealId", "palov", "name", "palov", "portionsPossible", 40, "limitingIngredientId", "goshti"));

        Map<?, ?> served = k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "palov", "portions", 10)), 201);
        assertThat(served.get("recipeVersion")).isEqualTo(1);
        assertThat(served.get("deducted")).isEqualTo(List.of(
                Map.of("ingredientId", "guruch", "grams", 1000), Map.of("ingredientId", "goshti", "grams", 500),
                Map.of("ingredientId", "sabzi", "grams", 400)));
        assertThat(List.of(k.stock("guruch"), k.stock("goshti"), k.stock("sabzi"))).containsExactly(4000L, 1500L, 2600L);
        assertThat(k.capacityOf("palov").get("portionsPossible")).isEqualTo(30);

        k.expect(k.call("manager", HttpMethod.POST, k.path("/write-offs"), Map.of("ingredientId", "goshti", "grams", 1100, "reason", "spoiled")), 201);
        assertThat(k.stock("goshti")).isEqualTo(400);
        assertThat(activeAlerts(k)).containsExactly("goshti");
        assertThat(k.capacityOf("palov")).isEqualTo(Map.of("mealId", "palov", "name", "palov", "portionsPossible", 8, "limitingIngredientId", "goshti"));
        assertThat(stockItem(k, "goshti")).isEqualTo(Map.of("ingredientId", "goshti", "name", "goshti", "grams", 400, "minStockGrams", 500, "belowMinimum", true));

        Map<?, ?> revised = k.expect(k.call("manager", HttpMethod.PUT, k.path("/meals/palov/recipe"),
                Map.of("recipe", KitchenApi.recipe("guruch", 120, "goshti", 40))), 200);
        assertThat(revised.get("recipeVersion")).isEqualTo(2);
        assertThat(k.capacityOf("palov")).isEqualTo(Map.of("mealId", "palov", "name", "palov", "portionsPossible", 10, "limitingIngredientId", "goshti"));

        Map<?, ?> delivery = k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "goshti", "grams", 1000)), 201);
        assertThat(activeAlerts(k)).isEmpty();
        assertThat(k.capacityOf("palov")).isEqualTo(Map.of("mealId", "palov", "name", "palov", "portionsPossible", 33, "limitingIngredientId", "guruch"));

        String reversal = k.path("/deliveries/" + delivery.get("id") + "/reversal");
        k.expect(k.call("manager", HttpMethod.POST, reversal, Map.of("reason", "wrong supplier")), 200);
        assertThat(k.stock("goshti")).isEqualTo(400);
        assertThat(activeAlerts(k)).containsExactly("goshti");
        CommonHttpContractTest.expectProblem(k.call("manager", HttpMethod.POST, reversal, Map.of("reason", "again")),
                org.springframework.http.HttpStatus.CONFLICT, "ALREADY_REVERSED");

        // a write-off of more than is left is refused with the shortage
        Map<?, ?> insufficient = k.call("manager", HttpMethod.POST, k.path("/write-offs"), Map.of("ingredientId", "goshti", "grams", 401, "reason", "x"))
                .expectStatus().isEqualTo(409).expectBody(Map.class).returnResult().getResponseBody();
        assertThat(insufficient.get("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(insufficient.get("shortages")).isEqualTo(List.of(Map.of("ingredientId", "goshti", "requiredGrams", 401, "availableGrams", 400)));

        Map<?, ?> refused = k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "palov", "portions", 100))
                .expectStatus().isEqualTo(409).expectBody(Map.class).returnResult().getResponseBody();
        assertThat(refused.get("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(refused.get("shortages")).isEqualTo(List.of(
                Map.of("ingredientId", "guruch", "requiredGrams", 12000, "availableGrams", 4000),
                Map.of("ingredientId", "goshti", "requiredGrams", 4000, "availableGrams", 400)));
        assertThat(List.of(k.stock("guruch"), k.stock("goshti"))).as("nothing deducted").containsExactly(4000L, 400L);

        Map<?, ?> counted = k.expect(k.call("manager", HttpMethod.POST, k.path("/stock-counts"),
                Map.of("counts", List.of(Map.of("ingredientId", "goshti", "grams", 350)))), 201);
        assertThat(counted.get("adjustments")).isEqualTo(List.of(
                Map.of("ingredientId", "goshti", "ledgerGrams", 400, "countedGrams", 350, "differenceGrams", -50)));
        assertThat(k.stock("goshti")).isEqualTo(350);
        CommonHttpContractTest.expectProblem(k.call("cook", HttpMethod.POST, k.path("/servings"),
                        Map.of("mealId", "palov", "portions", 1, "servedAt", Instant.now().minusSeconds(60).toString())),
                org.springframework.http.HttpStatus.CONFLICT, "PERIOD_CLOSED");
        CommonHttpContractTest.expectProblem(k.call("manager", HttpMethod.POST, k.path("/deliveries"),
                        Map.of("ingredientId", "goshti", "grams", 5, "deliveredOn", LocalDate.now(TASHKENT).toString())),
                org.springframework.http.HttpStatus.CONFLICT, "PERIOD_CLOSED");

        k.expect(k.call("manager", HttpMethod.DELETE, k.path("/meals/palov"), null), 200);
        Map<?, ?> meals = k.read("/meals");
        assertThat(meals.get("items")).isEqualTo(List.of(Map.of("id", "palov", "name", "palov", "recipeVersion", 2,
                "recipe", KitchenApi.recipe("guruch", 120, "goshti", 40), "retired", true)));
        assertThat(k.read("/capacity").get("items")).isEqualTo(List.of());
        CommonHttpContractTest.expectProblem(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "palov", "portions", 1)),
                org.springframework.http.HttpStatus.CONFLICT, "MEAL_RETIRED");
        CommonHttpContractTest.expectProblem(k.call("manager", HttpMethod.PUT, k.path("/meals/palov/recipe"),
                Map.of("recipe", KitchenApi.recipe("guruch", 1))), org.springframework.http.HttpStatus.CONFLICT, "MEAL_RETIRED");

        Map<?, ?> log = k.read("/servings?mealId=palov&servedBy=cook");
        assertThat(log.get("totalItems")).isEqualTo(1);
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) log.get("items")).getFirst();
        assertThat(entry.get("id")).isEqualTo(served.get("id"));
        assertThat(entry.get("mealName")).isEqualTo("palov");
        assertThat(entry.get("portions")).isEqualTo(10);
        assertThat(entry.get("servedBy")).isEqualTo("cook");
        assertThat(entry.get("recipeVersion")).isEqualTo(1);
        assertThat(entry.get("deducted")).isEqualTo(served.get("deducted"));
        assertThat(k.read("/servings?servedBy=admin").get("totalItems")).isEqualTo(0);

        Map<?, ?> alerts = k.read("/alerts");
        assertThat(alerts.get("totalItems")).as("guruch, goshti (cleared at delivery), goshti (cleared), goshti (active)").isEqualTo(4);
        Map<?, ?> active = (Map<?, ?>) ((List<?>) k.read("/alerts?active=true").get("items")).getFirst();
        assertThat(active.get("ingredientId")).isEqualTo("goshti");
        assertThat(active.get("grams")).isEqualTo(350);
        assertThat(active.get("minStockGrams")).isEqualTo(500);
        assertThat(active.get("clearedAt")).isNull();

        k.expect(k.call("manager", HttpMethod.PUT, k.path("/ingredients/goshti"), Map.of("name", "Mol go'shti", "minStockGrams", 300)), 200);
        assertThat(activeAlerts(k)).as("a lower minimum clears the alert").isEmpty();
        assertThat(stockItem(k, "goshti").get("name")).isEqualTo("Mol go'shti");
    }

    @Test
    void stockAsOfAnswersThePastExactly() {
        KitchenApi k = KitchenApi.create("asof").ingredient("un", 0);
        LocalDate today = LocalDate.now(TASHKENT);
        LocalDate d1 = today.minusDays(3);
        Instant t2 = today.minusDays(2).atTime(12, 0).atZone(TASHKENT).toInstant();
        LocalDate d3 = today.minusDays(1);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 1000, "deliveredOn", d1.toString())), 201);
        k.meal("non", "un", 100);
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 1, "servedAt", t2.toString())), 201);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/write-offs"),
                Map.of("ingredientId", "un", "grams", 50, "reason", "mice", "writtenOffOn", d3.toString())), 201);

        assertThat(grams(k, d1.atStartOfDay(TASHKENT).toInstant().minusSeconds(1))).isEqualTo(0);
        assertThat(grams(k, t2.minusSeconds(1))).isEqualTo(1000);
        assertThat(grams(k, t2)).isEqualTo(900);
        assertThat(grams(k, d3.atStartOfDay(TASHKENT).toInstant())).isEqualTo(850);
        assertThat(k.stock("un")).isEqualTo(850);
        Map<?, ?> past = k.read("/stock?asOf=" + t2);
        assertThat(past.get("asOf")).isEqualTo(t2.toString());
    }

    private static long grams(KitchenApi k, Instant asOf) {
        Map<?, ?> item = (Map<?, ?>) ((List<?>) k.read("/stock?asOf=" + asOf).get("items")).getFirst();
        return ((Number) item.get("grams")).longValue();
    }

    static List<Object> activeAlerts(KitchenApi k) {
        return ((List<?>) k.read("/alerts?active=true").get("items")).stream().<Object>map(a -> ((Map<?, ?>) a).get("ingredientId")).toList();
    }

    static Map<?, ?> stockItem(KitchenApi k, String ingredientId) {
        return ((List<?>) k.read("/stock").get("items")).stream().map(o -> (Map<?, ?>) o)
                .filter(i -> i.get("ingredientId").equals(ingredientId)).findFirst().orElseThrow();
    }
}
