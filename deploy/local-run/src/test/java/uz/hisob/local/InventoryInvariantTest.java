package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.inventory.FulfilReservation;
import uz.hisob.api.inventory.Line;
import uz.hisob.api.inventory.ReleaseReservation;
import uz.hisob.api.inventory.ReserveStock;
import uz.hisob.api.inventory.StockLocations;
import uz.hisob.api.inventory.TakeStock;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * The stock invariant under load (commerce.md, "Stock"): 64 clients at once transfer between a warehouse and a shop
 * over HTTP, sell at both, reserve, release and fulfil (as the till and orders will, through the command sender),
 * and receive transfers, on 20 products. Then the events are replayed, independently of any read model: at no event
 * of either location does {@code onHand} or {@code available} go below zero, the replayed stock is what the read model
 * says and what its movements add up to, and every unit received is on hand, sold or lost.
 */
class InventoryInvariantTest extends SystemTestSupport {

    static final int CLIENTS = 64;
    static final int OPERATIONS_PER_CLIENT = 6;
    static final int PRODUCTS = 20;
    static final long INITIAL = 30;

    @Test
    void sixtyFourClientsTransferAndSellAndTheLedgerAddsUp() throws Exception {
        String warehouse = InventoryTransfersTest.location("WAREHOUSE");
        String shop = InventoryTransfersTest.location("SHOP");
        List<String> products = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            products.add("mahsulot-" + p);
        }
        for (String location : List.of(warehouse, shop)) {
            post("keeper", "/api/inventory/receipts", Map.of("locationId", location,
                    "lines", products.stream().map(p -> line(p, INITIAL)).toList()), 201);
        }
        CommandSender sender = system().commandContext().getBean(CommandSender.class);
        Actor cashier = new Actor("demo", "kassir", null);
        String token = bearer("keeper");

        Map<String, AtomicLong> sold = new ConcurrentHashMap<>();
        Map<String, List<Line>> inTransit = new ConcurrentHashMap<>();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(7919L * c);
                clients.add(pool.submit(() -> {
                    start.await();
                    for (int op = 0; op < OPERATIONS_PER_CLIENT; op++) {
                        String here = random.nextBoolean() ? warehouse : shop;
                        String there = here.equals(warehouse) ? shop : warehouse;
                        List<Line> lines = someLines(random, products, 8);
                        int kind = random.nextInt(10);
                        if (kind < 4) {
                            String id = uniqueId("tr");
                            int status = commands().post().uri("/api/inventory/transfers").header("Authorization", token)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(Map.of("id", id, "fromLocationId", here, "toLocationId", there,
                                            "lines", lines.stream().map(l -> line(l.productId(), l.quantity())).toList()))
                                    .exchange().returnResult(String.class).getStatus().value();
                            outcomes.merge("transfer " + status, 1, Integer::sum);
                            if (status == 201) {
                                inTransit.put(id, lines);
                            }
                        } else if (kind < 8) {
                            try {
                                sender.send(cashier, new TakeStock("demo", here, uniqueId("take"), "SALE", uniqueId("receipt"), lines));
                                lines.forEach(l -> sold.computeIfAbsent(l.productId(), k -> new AtomicLong()).addAndGet(l.quantity()));
                                outcomes.merge("sale done", 1, Integer::sum);
                            } catch (CommandRefused refused) {
                                assertThat(refused.code()).isEqualTo("INSUFFICIENT_STOCK");
                                outcomes.merge("sale refused", 1, Integer::sum);
                            }
                        } else if (kind < 9) {
                            String reservation = uniqueId("res");
                            try {
                                sender.send(cashier, new ReserveStock("demo", here, reservation, "ORDER", uniqueId("order"), lines));
                                if (random.nextBoolean()) {
                                    sender.send(cashier, new FulfilReservation("demo", here, reservation));
                                    lines.forEach(l -> sold.computeIfAbsent(l.productId(), k -> new AtomicLong()).addAndGet(l.quantity()));
                                    outcomes.merge("reservation fulfilled", 1, Integer::sum);
                                } else if (random.nextBoolean()) {
                                    sender.send(cashier, new ReleaseReservation("demo", here, reservation, "bekor qilindi"));
                                    outcomes.merge("reservation released", 1, Integer::sum);
                                } else {
                                    outcomes.merge("reservation kept", 1, Integer::sum);
                                }
                            } catch (CommandRefused refused) {
                                assertThat(refused.code()).isEqualTo("INSUFFICIENT_STOCK");
                                outcomes.merge("reservation refused", 1, Integer::sum);
                            }
                        } else {
                            receiveOne(inTransit, random, token, outcomes);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // what is still on its way arrives, in full
        Random random = new Random(1);
        while (!inTransit.isEmpty()) {
            receiveOne(inTransit, random, token, outcomes);
        }
        assertThat(outcomes.keySet()).as("every answer was a success or a refusal for want of stock: %s", outcomes)
                .allMatch(k -> k.equals("transfer 201") || k.equals("transfer 409") || k.startsWith("sale ")
                        || k.startsWith("reservation ") || k.startsWith("receipt 200"));
        assertThat(outcomes.getOrDefault("transfer 201", 0)).as("transfers that went: %s", outcomes).isPositive();
        assertThat(outcomes.getOrDefault("sale done", 0)).as("sales: %s", outcomes).isPositive();

        // replay the events of both locations, in each location's order, checking every step
        Map<String, long[]> replayed = replay(List.of(warehouse, shop));
        long head = eventsDb().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        // the read model: every product's stock is the replayed one
        for (String location : List.of(warehouse, shop)) {
            Map<?, ?> page = read("auditor", "/api/inventory/stock?locationId=" + location + "&size=100&minPosition=" + head, 200);
            List<?> items = (List<?>) page.get("items");
            assertThat(items).hasSize(PRODUCTS);
            for (Object o : items) {
                Map<?, ?> item = (Map<?, ?>) o;
                long[] expected = replayed.get(location + "/" + item.get("productId"));
                assertThat(List.of(((Number) item.get("onHand")).longValue(), ((Number) item.get("reserved")).longValue(),
                        ((Number) item.get("available")).longValue()))
                        .as("%s at %s: onHand, reserved, available", item.get("productId"), location)
                        .isEqualTo(List.of(expected[0], expected[1], expected[0] - expected[1]));
            }
            // and the movements add up to it
            List<Map<String, Object>> sums = queryDb().queryForList("SELECT product_id, sum(on_hand_delta) AS on_hand, "
                    + "sum(reserved_delta) AS reserved FROM inventory_movement WHERE tenant = 'demo' AND location_id = ? "
                    + "GROUP BY product_id", location);
            assertThat(sums).hasSize(PRODUCTS);
            for (Map<String, Object> sum : sums) {
                long[] expected = replayed.get(location + "/" + sum.get("product_id"));
                assertThat(List.of(((Number) sum.get("on_hand")).longValue(), ((Number) sum.get("reserved")).longValue()))
                        .as("movements of %s at %s", sum.get("product_id"), location).isEqualTo(List.of(expected[0], expected[1]));
            }
        }
        // conservation: every unit received is on hand, sold (taken or fulfilled) or lost in a transfer
        List<Map<String, Object>> lost = queryDb().queryForList("SELECT product_id, sum(quantity) AS lost FROM inventory_movement "
                + "WHERE tenant = 'demo' AND location_id IN (?, ?) AND kind = 'LOSS' GROUP BY product_id", warehouse, shop);
        Map<String, Long> lostBy = new HashMap<>();
        lost.forEach(r -> lostBy.put((String) r.get("product_id"), ((Number) r.get("lost")).longValue()));
        for (String product : products) {
            long onHand = replayed.get(warehouse + "/" + product)[0] + replayed.get(shop + "/" + product)[0];
            long gone = sold.getOrDefault(product, new AtomicLong()).get() + lostBy.getOrDefault(product, 0L);
            assertThat(onHand + gone).as("%s: on hand + sold + lost", product).isEqualTo(2 * INITIAL);
        }
    }

    /** Up to three distinct products, 1 .. {@code max} each. */
    static List<Line> someLines(Random random, List<String> products, int max) {
        List<String> shuffled = new ArrayList<>(products);
        Collections.shuffle(shuffled, random);
        int count = 1 + random.nextInt(3);
        List<Line> lines = new ArrayList<>();
        for (String p : new LinkedHashSet<>(shuffled.subList(0, count))) {
            lines.add(new Line(p, 1 + random.nextInt(max)));
        }
        return lines;
    }

    /** Receives one transfer in transit, if any, with a unit of its first line lost now and then. */
    static void receiveOne(Map<String, List<Line>> inTransit, Random random, String token, Map<String, Integer> outcomes) {
        String id = inTransit.keySet().stream().findAny().orElse(null);
        List<Line> sent = id == null ? null : inTransit.remove(id);
        if (sent == null) {
            return;
        }
        // now and then one unit of the first product is lost on the way
        Line first = sent.getFirst();
        Object body = random.nextInt(3) == 0 ? Map.of("lines", List.of(line(first.productId(), first.quantity() - 1)))
                : Map.of("lines", List.of());
        int status = commands().post().uri("/api/inventory/transfers/" + id + "/receive").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().returnResult(String.class).getStatus().value();
        outcomes.merge("receipt " + status, 1, Integer::sum);
    }

    /**
     * The stock of each product at each location, {@code [onHand, reserved]}, from the events alone, in each
     * location's own order; fails at the first event after which either is below zero or reserved exceeds on hand.
     */
    static Map<String, long[]> replay(List<String> locations) {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, long[]> stock = new HashMap<>();
        for (String location : locations) {
            List<Map<String, Object>> events = eventsDb().queryForList("SELECT sequence_number, payload_type, payload "
                    + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", StockLocations.aggregateId("demo", location));
            assertThat(events).isNotEmpty();
            for (Map<String, Object> event : events) {
                String type = ((String) event.get("payload_type")).substring("uz.hisob.events.inventory.".length());
                JsonNode payload = json.readTree(new String((byte[]) event.get("payload"), StandardCharsets.UTF_8));
                for (JsonNode l : payload.path("lines")) {
                    long q = l.path("quantity").asLong();
                    long[] s = stock.computeIfAbsent(location + "/" + l.path("productId").asString(), k -> new long[2]);
                    switch (type) {
                        case "StockReceived", "StockReturned", "TransferArrived" -> s[0] += q;
                        case "StockTaken", "StockWrittenOff", "TransferDispatched" -> s[0] -= q;
                        case "StockReserved" -> s[1] += q;
                        case "ReservationReleased" -> s[1] -= q;
                        case "ReservationFulfilled" -> {
                            s[0] -= q;
                            s[1] -= q;
                        }
                        case "StockCounted" -> s[0] += l.path("difference").asLong();
                        default -> {
                            // TransferReceived: the source's record of what arrived, which moves nothing here
                        }
                    }
                    assertThat(s[0] >= 0 && s[1] >= 0 && s[0] - s[1] >= 0)
                            .as("%s after event %s (%s): onHand %d, reserved %d", location + "/" + l.path("productId").asString(),
                                    event.get("sequence_number"), type, s[0], s[1]).isTrue();
                }
            }
        }
        return stock;
    }
}
