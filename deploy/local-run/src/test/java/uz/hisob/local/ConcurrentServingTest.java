package uz.hisob.local;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import uz.hisob.events.kitchen.MealServed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** ServeMeal is all or nothing whatever number of cooks serve at once. */
class ConcurrentServingTest extends SystemTestSupport {

    @Test
    void sixtyFourCooksAtOnceExactlyNSucceed() throws Exception {
        // 2 ingredients; the stock allows exactly 23 servings of 1 portion (rice: 2300 g / 100 g, oil: 950 g / 40 g = 23)
        KitchenApi k = KitchenApi.create("race").ingredient("guruch", 0).ingredient("yog", 0)
                .deliver("guruch", 2300).deliver("yog", 950).meal("palov", "guruch", 100, "yog", 40);
        int n = 23;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Integer> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try {
            List<Callable<Map<?, ?>>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> {
                    start.await();
                    var result = k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "palov", "portions", 1))
                            .expectBody(Map.class).returnResult();
                    Map<Object, Object> r = new java.util.HashMap<Object, Object>(result.getResponseBody());
                    r.put("status", result.getStatus().value());
                    return r;
                });
            }
            List<Future<Map<?, ?>>> futures = new ArrayList<>();
            for (Callable<Map<?, ?>> c : calls) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            for (Future<Map<?, ?>> f : futures) {
                Map<?, ?> r = f.get();
                statuses.add((Integer) r.get("status"));
                codes.add((String) r.get("code"));
                if (r.get("position") instanceof Number p) {
                    k.position = Math.max(k.position, p.longValue());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(n);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(64 - n);
        assertThat(codes.stream().filter("INSUFFICIENT_STOCK"::equals).count()).isEqualTo(64 - n);

        // the read model: not a gram more or less
        assertThat(k.stock("guruch")).isZero();
        assertThat(k.stock("yog")).isEqualTo(950 - 23 * 40);
        assertThat(k.read("/servings?size=200").get("totalItems")).isEqualTo(n);

        // a replay of the kitchen's own event stream from the event store says the same
        EventStore events = system().commandContext().getBean(EventStore.class);
        long rice = 2300;
        long oil = 950;
        int servings = 0;
        var stream = events.readEvents("demo:" + k.kitchen, 0); // every event from the first, not the snapshot
        while (stream.hasNext()) {
            DomainEventMessage<?> e = stream.next();
            if (e.getPayload() instanceof MealServed s) {
                servings++;
                for (MealServed.Deduction d : s.deducted()) {
                    if (d.ingredientId().equals("guruch")) {
                        rice -= d.grams();
                    } else {
                        oil -= d.grams();
                    }
                }
            }
        }
        assertThat(servings).isEqualTo(n);
        assertThat(rice).isZero();
        assertThat(oil).isEqualTo(30);
    }
}
