package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live stream: stock and capacity within 1 s of a serving; a reconnect with Last-Event-ID misses nothing. */
class KitchenStreamTest extends SystemTestSupport {


    @Test
    void changesArriveWithinASecondAndAReconnectCatchesUp() throws Exception {
        KitchenApi k = KitchenApi.create("stream").ingredient("un", 100).deliver("un", 1000).meal("non", "un", 100);
        k.read("/stock"); // the projection has caught up: the stream starts after these changes
        BlockingQueue<ServerSentEvent<String>> received = new LinkedBlockingQueue<>();
        Disposable first = LiveStreams.subscribe(k.path("/stream"), "cook", null, received);
        long served = System.nanoTime();
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 2)), 201);

        ServerSentEvent<String> stock = received.poll(2, TimeUnit.SECONDS);
        ServerSentEvent<String> capacity = received.poll(2, TimeUnit.SECONDS);
        Duration latency = Duration.ofNanos(System.nanoTime() - served);
        assertThat(stock).isNotNull();
        assertThat(capacity).isNotNull();
        assertThat(latency).isLessThan(Duration.ofSeconds(1));
        assertThat(stock.event()).isEqualTo("stock");
        assertThat(IdempotencyTest.json(stock.data())).isEqualTo(Map.of("ingredientId", "un", "name", "un", "grams", 800,
                "minStockGrams", 100, "belowMinimum", false));
        assertThat(capacity.event()).isEqualTo("capacity");
        assertThat(IdempotencyTest.json(capacity.data())).isEqualTo(Map.of("mealId", "non", "name", "non", "portionsPossible", 8,
                "limitingIngredientId", "un"));
        first.dispose();

        // while disconnected: two servings and a write-off that raises an alert
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 3)), 201);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/write-offs"), Map.of("ingredientId", "un", "grams", 450, "reason", "wet")), 201);
        k.read("/stock");

        BlockingQueue<ServerSentEvent<String>> resumed = new LinkedBlockingQueue<>();
        Disposable second = LiveStreams.subscribe(k.path("/stream"), "cook", capacity.id(), resumed);
        try {
            List<String> kinds = new java.util.ArrayList<>();
            List<Object> grams = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ServerSentEvent<String> e = resumed.poll(3, TimeUnit.SECONDS);
                assertThat(e).as("missed event " + i).isNotNull();
                kinds.add(e.event());
                if ("stock".equals(e.event())) {
                    grams.add(IdempotencyTest.json(e.data()).get("grams"));
                }
            }
            assertThat(kinds).containsExactly("stock", "capacity", "stock", "alert", "capacity");
            assertThat(grams).containsExactly(500, 50);
            assertThat(resumed.poll(500, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
        } finally {
            second.dispose();
        }
    }

    /**
     * The feed becomes visible in {@code seq} order (issue #11.8): while another writer's transaction holds a lower
     * {@code seq} uncommitted, the projection's rows wait for it, so a reader resuming after the highest {@code seq} it
     * saw can never skip the lower one that commits later.
     */
    @Test
    void aRowOfTheFeedIsNeverVisibleBeforeALowerOneThatCommitsLater() throws Exception {
        KitchenApi k = KitchenApi.create("feedorder").ingredient("un", 0).deliver("un", 1000).meal("non", "un", 100);
        k.read("/stock");
        javax.sql.DataSource queryDb = system().queryContext().getBean("queryDataSource", javax.sql.DataSource.class);
        try (java.sql.Connection other = queryDb.getConnection()) {
            other.setAutoCommit(false);
            long lower;
            try (var insert = other.prepareStatement("INSERT INTO kitchen_change (tenant, kitchen_id, kind, data) VALUES ('demo', ?, 'alert', '{}') "
                    + "RETURNING seq")) {
                insert.setString(1, k.kitchen);
                var rs = insert.executeQuery();
                rs.next();
                lower = rs.getLong(1);
            }
            // the projection writes the serving's stock and capacity changes meanwhile
            commands().post().uri(k.path("/servings")).header("Authorization", bearer("cook")).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("mealId", "non", "portions", 1)).exchange().expectStatus().isCreated();
            // wait until the projection's batch stands at the feed's lock, behind the uncommitted row
            org.springframework.jdbc.core.JdbcTemplate db = system().queryContext().getBean("jdbcTemplate",
                    org.springframework.jdbc.core.JdbcTemplate.class);
            Integer waiting = 0;
            for (int i = 0; i < 200 && waiting == 0; i++) {
                waiting = db.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'LOCK TABLE kitchen_change%'", Integer.class);
                Thread.sleep(25);
            }
            assertThat(waiting).as("the projection waits for the feed's lock").isPositive();
            Long higher = db.queryForObject("SELECT max(seq) FROM kitchen_change WHERE kitchen_id = ?", Long.class, k.kitchen);
            assertThat(higher).as("nothing above the uncommitted seq %d is visible", lower).isLessThan(lower);
            other.commit();
        }
        // once the lower row is committed the projection goes on: its rows follow it
        k.position = 0;
        Long after = null;
        for (int i = 0; i < 100 && (after == null || after <= 0); i++) {
            after = system().queryContext().getBean("jdbcTemplate", org.springframework.jdbc.core.JdbcTemplate.class)
                    .queryForObject("SELECT count(*) FROM kitchen_change WHERE kitchen_id = ? AND kind <> 'alert' AND seq > "
                            + "(SELECT max(seq) FROM kitchen_change WHERE kitchen_id = ? AND kind = 'alert')", Long.class, k.kitchen, k.kitchen);
            Thread.sleep(50);
        }
        assertThat(after).isPositive();
    }
}
