package uz.hisob.local;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

/** Terse calls of the kitchen contract for tests: one kitchen, a user to act as, and the last position seen. */
final class KitchenApi extends SystemTestSupport {

    final String kitchen;
    long position;

    KitchenApi(String kitchen) {
        this.kitchen = kitchen;
    }

    static KitchenApi create(String prefix) {
        KitchenApi k = new KitchenApi(uniqueId(prefix));
        k.expect(k.call("admin", HttpMethod.POST, "/api/kitchens", Map.of("id", k.kitchen, "name", "Kitchen " + k.kitchen)), 201);
        return k;
    }

    KitchenApi ingredient(String id, long minStockGrams) {
        expect(call("manager", HttpMethod.POST, path("/ingredients"), Map.of("id", id, "name", id, "minStockGrams", minStockGrams)), 201);
        return this;
    }

    KitchenApi deliver(String ingredientId, long grams) {
        expect(call("manager", HttpMethod.POST, path("/deliveries"), Map.of("ingredientId", ingredientId, "grams", grams)), 201);
        return this;
    }

    /** {@code recipe}: ingredient id, grams per portion, … */
    KitchenApi meal(String id, Object... recipe) {
        expect(call("manager", HttpMethod.POST, path("/meals"), Map.of("id", id, "name", id, "recipe", recipe(recipe))), 201);
        return this;
    }

    static List<Map<String, Object>> recipe(Object... pairs) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            lines.add(Map.of("ingredientId", pairs[i], "gramsPerPortion", pairs[i + 1]));
        }
        return lines;
    }

    String path(String suffix) {
        return "/api/kitchens/" + kitchen + suffix;
    }

    WebTestClient.ResponseSpec call(String user, HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec spec = commands().method(method).uri(path).header("Authorization", bearer(user));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Expects the status and remembers the answer's position. */
    Map<?, ?> expect(WebTestClient.ResponseSpec response, int status) {
        Map<?, ?> body = response.expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
        if (body != null && body.get("position") instanceof Number p) {
            position = Math.max(position, p.longValue());
        }
        return body;
    }

    /** GET on the query-service, waiting for everything this kitchen has written so far. */
    Map<?, ?> read(String suffix) {
        String sep = suffix.contains("?") ? "&" : "?";
        return queries().get().uri(path(suffix) + sep + "minPosition=" + position).header("Authorization", bearer("manager"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    long stock(String ingredientId) {
        for (Object o : (List<?>) read("/stock").get("items")) {
            Map<?, ?> item = (Map<?, ?>) o;
            if (item.get("ingredientId").equals(ingredientId)) {
                return ((Number) item.get("grams")).longValue();
            }
        }
        throw new AssertionError("no ingredient " + ingredientId);
    }

    Map<?, ?> capacityOf(String mealId) {
        for (Object o : (List<?>) read("/capacity").get("items")) {
            if (((Map<?, ?>) o).get("mealId").equals(mealId)) {
                return (Map<?, ?>) o;
            }
        }
        return null;
    }
}
