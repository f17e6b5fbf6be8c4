package uz.hisob.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on every kitchen endpoint answers 400/404/409 as the contract says, never a 5xx; and the role matrix. */
class KitchenRefusalsTest extends SystemTestSupport {

    static KitchenApi k;
    static String deliveryId;

    @BeforeAll
    static void kitchen() {
        k = KitchenApi.create("bad").ingredient("un", 10).ingredient("tuz", 0).deliver("un", 1000).meal("non", "un", 100);
        deliveryId = (String) k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "tuz", "grams", 5)), 201).get("id");
    }

    record Case(HttpMethod method, String path, Object body, int status, String code, String field) {
    }

    static Case c(HttpMethod m, String path, Object body, int status, String code, String field) {
        return new Case(m, path, body, status, code, field);
    }

    static final String HUGE = "{\"ingredientId\":\"un\",\"grams\":123456789012345678901234567890}";

    @Test
    void everyEndpointRefusesBadInputWithTheContractsStatus() {
        String tomorrow = LocalDate.now().plusDays(2).toString();
        String future = Instant.now().plusSeconds(3600).toString();
        List<Case> cases = List.of(
                c(HttpMethod.POST, "/ingredients", Map.of("name", "Tuz", "minStockGrams", -1), 400, "VALIDATION_FAILED", "minStockGrams"),
                c(HttpMethod.POST, "/ingredients", Map.of("name", "Tuz", "minStockGrams", "lots"), 400, "VALIDATION_FAILED", "minStockGrams"),
                c(HttpMethod.POST, "/ingredients", Map.of("minStockGrams", 1), 400, "VALIDATION_FAILED", "name"),
                c(HttpMethod.POST, "/ingredients", Map.of("id", "un", "name", "Un", "minStockGrams", 1), 409, "ALREADY_EXISTS", null),
                c(HttpMethod.PUT, "/ingredients/nope", Map.of("name", "x", "minStockGrams", 1), 404, "NOT_FOUND", null),
                c(HttpMethod.PUT, "/ingredients/un", Map.of("name", "x", "minStockGrams", -5), 400, "VALIDATION_FAILED", "minStockGrams"),
                c(HttpMethod.POST, "/meals", Map.of("name", "Bo'sh", "recipe", List.of()), 400, "VALIDATION_FAILED", "recipe"),
                c(HttpMethod.POST, "/meals", Map.of("name", "Ikki", "recipe", KitchenApi.recipe("un", 10, "un", 20)), 400, "VALIDATION_FAILED", "recipe[1].ingredientId"),
                c(HttpMethod.POST, "/meals", Map.of("name", "Sirli", "recipe", KitchenApi.recipe("unknown", 10)), 400, "VALIDATION_FAILED", "recipe[0].ingredientId"),
                c(HttpMethod.POST, "/meals", Map.of("name", "Nol", "recipe", KitchenApi.recipe("un", 0)), 400, "VALIDATION_FAILED", "recipe[0].gramsPerPortion"),
                c(HttpMethod.POST, "/meals", Map.of("name", "Matn", "recipe", KitchenApi.recipe("un", "ten")), 400, "VALIDATION_FAILED", "recipe[0].gramsPerPortion"),
                c(HttpMethod.POST, "/meals", Map.of("id", "non", "name", "Non", "recipe", KitchenApi.recipe("un", 1)), 409, "ALREADY_EXISTS", null),
                c(HttpMethod.PUT, "/meals/nope/recipe", Map.of("recipe", KitchenApi.recipe("un", 1)), 404, "NOT_FOUND", null),
                c(HttpMethod.PUT, "/meals/non/recipe", Map.of("recipe", List.of()), 400, "VALIDATION_FAILED", "recipe"),
                c(HttpMethod.DELETE, "/meals/nope", null, 404, "NOT_FOUND", null),
                c(HttpMethod.POST, "/deliveries", Map.of("ingredientId", "un", "grams", 0), 400, "VALIDATION_FAILED", "grams"),
                c(HttpMethod.POST, "/deliveries", Map.of("ingredientId", "un", "grams", -5), 400, "VALIDATION_FAILED", "grams"),
                c(HttpMethod.POST, "/deliveries", HUGE, 400, "VALIDATION_FAILED", "grams"),
                c(HttpMethod.POST, "/deliveries", Map.of("ingredientId", "un", "grams", 5, "deliveredOn", tomorrow), 400, "VALIDATION_FAILED", "deliveredOn"),
                c(HttpMethod.POST, "/deliveries", Map.of("ingredientId", "un", "grams", 5, "deliveredOn", "2026-13-45"), 400, "VALIDATION_FAILED", "deliveredOn"),
                c(HttpMethod.POST, "/deliveries", Map.of("ingredientId", "unknown", "grams", 5), 400, "VALIDATION_FAILED", "ingredientId"),
                c(HttpMethod.POST, "/deliveries/nope/reversal", Map.of("reason", "x"), 404, "NOT_FOUND", null),
                c(HttpMethod.POST, "/deliveries/" + deliveryId + "/reversal", Map.of(), 400, "VALIDATION_FAILED", "reason"),
                c(HttpMethod.POST, "/write-offs", Map.of("ingredientId", "un", "grams", 5), 400, "VALIDATION_FAILED", "reason"),
                c(HttpMethod.POST, "/write-offs", Map.of("ingredientId", "un", "grams", 0, "reason", "x"), 400, "VALIDATION_FAILED", "grams"),
                c(HttpMethod.POST, "/write-offs", Map.of("ingredientId", "un", "grams", 5, "reason", "x", "writtenOffOn", tomorrow), 400, "VALIDATION_FAILED", "writtenOffOn"),
                c(HttpMethod.POST, "/write-offs", Map.of("ingredientId", "unknown", "grams", 5, "reason", "x"), 400, "VALIDATION_FAILED", "ingredientId"),
                c(HttpMethod.POST, "/write-offs", Map.of("ingredientId", "un", "grams", 1_000_000, "reason", "x"), 409, "INSUFFICIENT_STOCK", null),
                c(HttpMethod.POST, "/stock-counts", Map.of("counts", List.of()), 400, "VALIDATION_FAILED", "counts"),
                c(HttpMethod.POST, "/stock-counts", Map.of("counts", List.of(Map.of("ingredientId", "un", "grams", -1))), 400, "VALIDATION_FAILED", "counts[0].grams"),
                c(HttpMethod.POST, "/stock-counts", Map.of("countedAt", future, "counts", List.of(Map.of("ingredientId", "un", "grams", 1))), 400, "VALIDATION_FAILED", "countedAt"),
                c(HttpMethod.POST, "/stock-counts", Map.of("counts", List.of(Map.of("ingredientId", "unknown", "grams", 1))), 400, "VALIDATION_FAILED", "counts[0].ingredientId"),
                c(HttpMethod.POST, "/stock-counts", Map.of("counts", List.of(Map.of("ingredientId", "un", "grams", 1), Map.of("ingredientId", "un", "grams", 2))), 400, "VALIDATION_FAILED", "counts[1].ingredientId"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "non", "portions", 0), 400, "VALIDATION_FAILED", "portions"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "non", "portions", 10001), 400, "VALIDATION_FAILED", "portions"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "non", "portions", "many"), 400, "VALIDATION_FAILED", "portions"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "non", "portions", 1, "servedAt", future), 400, "VALIDATION_FAILED", "servedAt"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "non", "portions", 1, "servedAt", "yesterday"), 400, "VALIDATION_FAILED", "servedAt"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "unknown", "portions", 1), 400, "VALIDATION_FAILED", "mealId"),
                c(HttpMethod.POST, "/servings", Map.of("mealId", "non", "portions", 10000), 409, "INSUFFICIENT_STOCK", null));
        long stockBefore = k.stock("un");
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String user = c.path().equals("/servings") ? "cook" : "manager";
            WebTestClient.ResponseSpec r = k.call(user, c.method(), k.path(c.path()), c.body());
            var result = r.expectBody(Map.class).returnResult();
            Map<?, ?> body = result.getResponseBody();
            int status = result.getStatus().value();
            String field = body == null || !(body.get("errors") instanceof List<?> errors) || errors.isEmpty() ? null
                    : (String) ((Map<?, ?>) errors.getFirst()).get("field");
            if (status != c.status() || body == null || !c.code().equals(body.get("code")) || (c.field() != null && !c.field().equals(field))) {
                failures.add(c + " → " + status + " " + body);
            }
        }
        assertThat(failures).isEmpty();
        // nothing above changed the stock
        assertThat(k.stock("un")).isEqualTo(stockBefore);
    }

    @Test
    void unknownKitchensAndBadQueryParametersOnReads() {
        for (String path : List.of("/stock", "/meals", "/capacity", "/servings", "/alerts", "/stream")) {
            queries().get().uri("/api/kitchens/no-such-kitchen" + path).header("Authorization", bearer("manager"))
                    .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        }
        for (String query : List.of("/stock?asOf=yesterday", "/servings?from=soon", "/servings?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "/alerts?active=maybe", "/meals?size=201")) {
            queries().get().uri(k.path(query)).header("Authorization", bearer("manager"))
                    .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        }
    }

    record Access(HttpMethod method, String path, Object body, Set<String> roles) {
    }

    @Test
    void everyEndpointAnswersExactlyTheRolesOfTheContract() {
        Set<String> setup = Set.of("ADMIN", "MANAGER");
        Set<String> all = Set.of("ADMIN", "MANAGER", "COOK", "AUDITOR");
        List<Access> commandsMatrix = List.of(
                new Access(HttpMethod.POST, "/api/kitchens", Map.of("name", "Role test"), Set.of("ADMIN")),
                new Access(HttpMethod.POST, k.path("/ingredients"), Map.of("name", "Roles", "minStockGrams", 0), setup),
                new Access(HttpMethod.PUT, k.path("/ingredients/tuz"), Map.of("name", "Tuz", "minStockGrams", 0), setup),
                new Access(HttpMethod.POST, k.path("/meals"), Map.of("name", "Roles", "recipe", KitchenApi.recipe("un", 1)), setup),
                new Access(HttpMethod.PUT, k.path("/meals/non/recipe"), Map.of("recipe", KitchenApi.recipe("un", 100)), setup),
                new Access(HttpMethod.DELETE, k.path("/meals/never-made"), null, setup),
                new Access(HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "tuz", "grams", 1), setup),
                new Access(HttpMethod.POST, k.path("/deliveries/nope/reversal"), Map.of("reason", "roles"), setup),
                new Access(HttpMethod.POST, k.path("/write-offs"), Map.of("ingredientId", "tuz", "grams", 1, "reason", "roles"), setup),
                new Access(HttpMethod.POST, k.path("/stock-counts"), Map.of("counts", List.of(Map.of("ingredientId", "unknown", "grams", 0))), setup),
                new Access(HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 1), Set.of("ADMIN", "COOK")));
        List<String> failures = new ArrayList<>();
        for (Access a : commandsMatrix) {
            for (String role : all) {
                int status = k.call(role.toLowerCase(), a.method(), a.path(), a.body()).expectBody(String.class).returnResult().getStatus().value();
                boolean allowed = a.roles().contains(role);
                if (allowed ? (status == 401 || status == 403 || status >= 500) : status != 403) {
                    failures.add(a.method() + " " + a.path() + " as " + role + " → " + status);
                }
            }
        }
        Set<String> readers = Set.of("ADMIN", "MANAGER", "AUDITOR");
        Map<String, Set<String>> reads = Map.of(
                "/api/kitchens", all, k.path(""), all, k.path("/stock"), all, k.path("/meals"), all, k.path("/capacity"), all,
                k.path("/alerts"), all, k.path("/servings"), readers);
        reads.forEach((path, roles) -> {
            for (String role : all) {
                int status = queries().get().uri(path).header("Authorization", bearer(role.toLowerCase())).exchange()
                        .expectBody(String.class).returnResult().getStatus().value();
                if (roles.contains(role) ? status != 200 : status != 403) {
                    failures.add("GET " + path + " as " + role + " → " + status);
                }
            }
        });
        assertThat(failures).isEmpty();
    }
}
