package uz.hisob.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The kitchens every scenario may use, created through the command-service's HTTP API as a user would (admin of the
 * demo tenant): each kitchen has ingredients with a delivery of {@value #STOCK_GRAMS} g each (stock never runs out
 * during a run) and one meal, {@value #MEAL}, whose recipe takes {@value #GRAMS_PER_PORTION} g of some of them.
 *
 * @param serveKitchens   16 kitchens of 3 ingredients, for closed-loop ServeMeal across kitchens
 * @param singleKitchen   one kitchen of 3 ingredients that 16 clients serve at once
 * @param lagKitchen      served by the projection-lag sampler
 * @param searchKitchen   gets the ingredients the search-lag sampler creates
 * @param readKitchens    {@value #READ_KITCHENS} kitchens of {@value #READ_INGREDIENTS} ingredients and {@value #READ_SERVINGS}
 *                        servings each (a full first page of the serving log), for the read scenario
 * @param tenants         the admins of {@value #TENANTS} more demo tenants ({@code t01-admin} …), each with one kitchen
 *                        {@value #TENANT_KITCHEN} of 3 ingredients, for ServeMeal across tenants
 * @param commands        commands sent to load all this
 * @param position        the position of the last of them
 */
public record Fixture(List<String> serveKitchens, String singleKitchen, String lagKitchen, String searchKitchen,
                      List<String> readKitchens, List<Api> tenants, long commands, long position) {

    public static final int TENANTS = 16;
    public static final String TENANT_KITCHEN = "bench-tenant";

    public static final String MEAL = "bench-meal";
    public static final long STOCK_GRAMS = 1_000_000_000_000L;
    public static final long GRAMS_PER_PORTION = 10;
    public static final int READ_KITCHENS = 2;
    public static final int READ_INGREDIENTS = 20;
    public static final int READ_RECIPE_LINES = 5;
    public static final int READ_SERVINGS = 60;
    /** The body of one ServeMeal: one portion of {@link #MEAL}, served now. */
    public static final String SERVE_BODY = "{\"mealId\":\"" + MEAL + "\",\"portions\":1}";

    /** Creates every kitchen, eight at a time, and waits until the query-service has projected them. */
    public static Fixture load(Api api) throws Exception {
        List<String> serve = IntStream.rangeClosed(1, 16).mapToObj(i -> String.format("bench-serve-%02d", i)).toList();
        List<String> read = IntStream.rangeClosed(1, READ_KITCHENS).mapToObj(i -> "bench-read-" + i).toList();
        String single = "bench-single";
        String lag = "bench-lag";
        String search = "bench-search";
        AtomicLong commands = new AtomicLong();
        AtomicLong position = new AtomicLong();
        List<Api> tenants = IntStream.rangeClosed(1, TENANTS).mapToObj(i -> String.format("t%02d-admin", i))
                .map(u -> new Api(api.commandUrl(), api.queryUrl(), u, u)).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (String k : serve) {
                done.add(pool.submit(() -> kitchen(api, k, 3, 3, 0, commands, position)));
            }
            for (String k : List.of(single, lag, search)) {
                done.add(pool.submit(() -> kitchen(api, k, 3, 3, 0, commands, position)));
            }
            for (Api tenant : tenants) {
                done.add(pool.submit(() -> kitchen(tenant, TENANT_KITCHEN, 3, 3, 0, commands, new AtomicLong())));
            }
            for (String k : read) {
                done.add(pool.submit(() -> kitchen(api, k, READ_INGREDIENTS, READ_RECIPE_LINES, READ_SERVINGS, commands, position)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        api.awaitProjected(read.getLast(), position.get());
        return new Fixture(serve, single, lag, search, read, tenants, commands.get(), position.get());
    }

    private static Void kitchen(Api api, String id, int ingredients, int recipeLines, int servings, AtomicLong commands,
                                AtomicLong position) throws IOException {
        try (HttpClient http = Api.newClient()) {
            String k = "/api/kitchens/" + id;
            long last = api.command(http, "/api/kitchens", Map.of("id", id, "name", "Benchmark kitchen " + id)).get("position").asLong();
            List<Map<String, Object>> recipe = new ArrayList<>();
            for (int i = 1; i <= ingredients; i++) {
                String ingredient = "i" + i;
                api.command(http, k + "/ingredients", Map.of("id", ingredient, "name", "Ingredient " + i, "minStockGrams", 0));
                api.command(http, k + "/deliveries", Map.of("ingredientId", ingredient, "grams", STOCK_GRAMS, "supplier", "Benchmark"));
                if (i <= recipeLines) {
                    recipe.add(Map.of("ingredientId", ingredient, "gramsPerPortion", GRAMS_PER_PORTION));
                }
            }
            last = api.command(http, k + "/meals", Map.of("id", MEAL, "name", "Benchmark meal", "recipe", recipe)).get("position").asLong();
            for (int s = 0; s < servings; s++) {
                last = api.command(http, k + "/servings", SERVE_BODY).get("position").asLong();
            }
            commands.addAndGet(2 + 2L * ingredients + servings);
            position.accumulateAndGet(last, Math::max);
            return null;
        }
    }
}
