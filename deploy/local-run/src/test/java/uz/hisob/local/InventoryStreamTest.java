package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.line;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.put;
import static uz.hisob.local.InventoryCommandsTest.read;

/** A location's live stream: stock and low-stock alerts as they change; a reconnect with Last-Event-ID misses nothing. */
class InventoryStreamTest extends SystemTestSupport {



    @Test
    void stockAndAlertsStreamAndAReconnectCatchesUp() throws Exception {
        String shop = InventoryTransfersTest.location("SHOP");
        long p = ((Number) post("keeper", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("sut", 30))), 201)
                .get("position")).longValue();
        read("keeper", "/api/inventory/stock?locationId=" + shop + "&minPosition=" + p, 200); // the stream starts after this
        BlockingQueue<ServerSentEvent<String>> received = new LinkedBlockingQueue<>();
        Disposable first = LiveStreams.subscribe("/api/inventory/locations/" + shop + "/stream", "keeper", null, received);
        put("manager", "/api/inventory/minimums", Map.of("locationId", shop, "items", List.of(Map.of("productId", "sut", "minQuantity", 20))), 200);
        post("keeper", "/api/inventory/write-offs", Map.of("locationId", shop, "reason", "achigan", "lines", List.of(line("sut", 15))), 201);

        List<ServerSentEvent<String>> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServerSentEvent<String> e = received.poll(3, TimeUnit.SECONDS);
            assertThat(e).as("event " + i).isNotNull();
            seen.add(e);
        }
        first.dispose();
        // the minimum (stock), the write-off (stock), and the alert it opened
        assertThat(seen.stream().map(ServerSentEvent::event).toList()).isEqualTo(List.of("stock", "stock", "alert"));
        assertThat(IdempotencyTest.json(seen.get(1).data())).isEqualTo(Map.of("productId", "sut", "locationId", shop, "onHand", 15,
                "reserved", 0, "available", 15, "minQuantity", 20, "belowMinimum", true));
        Map<?, ?> alert = IdempotencyTest.json(seen.get(2).data());
        assertThat(alert.get("available")).isEqualTo(15);
        assertThat(alert.get("minQuantity")).isEqualTo(20);
        assertThat(alert.get("clearedAt")).isNull();
        assertThat((String) alert.get("since")).endsWith("Z");

        // while disconnected: a receipt lifts it back above the minimum and clears the alert
        p = ((Number) post("keeper", "/api/inventory/receipts", Map.of("locationId", shop, "lines", List.of(line("sut", 10))), 201)
                .get("position")).longValue();
        read("keeper", "/api/inventory/stock?locationId=" + shop + "&minPosition=" + p, 200);
        BlockingQueue<ServerSentEvent<String>> resumed = new LinkedBlockingQueue<>();
        Disposable second = LiveStreams.subscribe("/api/inventory/locations/" + shop + "/stream", "auditor", seen.get(2).id(), resumed);
        try {
            ServerSentEvent<String> stock = resumed.poll(3, TimeUnit.SECONDS);
            ServerSentEvent<String> cleared = resumed.poll(3, TimeUnit.SECONDS);
            assertThat(stock).isNotNull();
            assertThat(cleared).isNotNull();
            assertThat(IdempotencyTest.json(stock.data()).get("onHand")).isEqualTo(25);
            assertThat(cleared.event()).isEqualTo("alert");
            assertThat(IdempotencyTest.json(cleared.data()).get("clearedAt")).isNotNull();
            assertThat(Long.parseLong(cleared.id())).isGreaterThan(Long.parseLong(seen.get(2).id()));
        } finally {
            second.dispose();
        }
        // refusals
        queries().get().uri("/api/inventory/locations/" + shop + "/stream").header("Authorization", bearer("cook")).exchange()
                .expectStatus().isForbidden();
        queries().get().uri("/api/inventory/locations/" + uniqueId("yoq") + "/stream").header("Authorization", bearer("keeper")).exchange()
                .expectStatus().isNotFound();
        queries().get().uri("/api/inventory/locations/" + shop + "/stream").header("Authorization", bearer("other-admin")).exchange()
                .expectStatus().isNotFound();
        queries().get().uri("/api/inventory/locations/" + shop + "/stream").header("Authorization", bearer("keeper"))
                .header("Last-Event-ID", "abc").exchange().expectStatus().isBadRequest();
    }
}
