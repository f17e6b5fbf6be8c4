package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record id a client chooses (a delivery's, a serving's) is used once per kitchen, enforced in the command's
 * transaction (V4 {@code record_ids}): a repeat is 409 {@code ALREADY_EXISTS}, concurrent repeats have one effect, a
 * refused command leaves its id free, and another kitchen may use the same id.
 */
class RecordIdsTest extends SystemTestSupport {

    @Test
    void aClientChosenIdIsUsedOncePerKitchen() throws Exception {
        KitchenApi k = KitchenApi.create("ids").ingredient("un", 0).meal("non", "un", 100);

        // refused for want of stock: the id stays free
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("id", "s-1", "mealId", "non", "portions", 1)), 409);
        k.deliver("un", 1000);
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("id", "s-1", "mealId", "non", "portions", 1)), 201);
        Map<?, ?> again = k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("id", "s-1", "mealId", "non", "portions", 1)), 409);
        assertThat(again.get("code")).isEqualTo("ALREADY_EXISTS");

        // eight concurrent deliveries with one id: one is booked
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(() -> k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("id", "d-race", "ingredientId", "un", "grams", 500))
                    .returnResult(String.class).getStatus().value());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(racers)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 1)), 201);
        assertThat(k.stock("un")).isEqualTo(1000 - 100 + 500 + 1);

        // another kitchen may use the same ids
        KitchenApi other = KitchenApi.create("ids").ingredient("un", 0);
        other.expect(other.call("manager", HttpMethod.POST, other.path("/deliveries"), Map.of("id", "d-race", "ingredientId", "un", "grams", 5)), 201);
    }
}
