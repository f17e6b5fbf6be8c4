package uz.hisob.local;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import uz.hisob.query.platform.ReadModelProgress;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code minPosition}: a read waits for the read model to reach a command's position, up to 5 s. */
class ReadYourWritesTest extends SystemTestSupport {

    @Test
    void aReadWaitsUntilTheProjectionHasAppliedThePosition() throws Exception {
        String kitchen = uniqueId("ryw");
        CommonHttpContractTest.post("/api/kitchens", Map.of("id", kitchen, "name", "Waiting")).expectStatus().isCreated();
        StreamingEventProcessor processor = system().queryContext().getBean(ReadModelProgress.class).processors().get("kitchen");
        processor.shutDown();
        try {
            Map<?, ?> created = CommonHttpContractTest.post("/api/kitchens/" + kitchen + "/ingredients",
                            Map.of("id", "tuz", "name", "Tuz", "minStockGrams", 10))
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            long position = ((Number) created.get("position")).longValue();
            long started = System.nanoTime();
            CompletableFuture<ResponseEntity<String>> read = WebClient.builder().clientConnector(CONNECTOR).baseUrl(system().queryUrl()).build().get()
                    .uri("/api/kitchens/{k}/stock?minPosition={p}", kitchen, position)
                    .header("Authorization", bearer("cook")).retrieve().toEntity(String.class).toFuture();
            Thread.sleep(1000); // the projection is stopped: the read must still be waiting
            assertThat(read).isNotDone();
            processor.start();
            ResponseEntity<String> answer = read.get(10, TimeUnit.SECONDS);
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).contains("\"ingredientId\":\"tuz\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        } finally {
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    @Test
    void aPositionNotReachedWithinFiveSecondsAnswers503() {
        long started = System.nanoTime();
        CommonHttpContractTest.expectProblem(queries().get().uri("/api/kitchens?minPosition=999999999999")
                .header("Authorization", bearer("cook")).exchange(), HttpStatus.SERVICE_UNAVAILABLE, "PROJECTION_LAGGING");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(8));
        queries().get().uri("/api/kitchens?minPosition=-1").header("Authorization", bearer("cook")).exchange()
                .expectStatus().isBadRequest();
        queries().get().uri("/api/kitchens?minPosition=soon").header("Authorization", bearer("cook")).exchange()
                .expectStatus().isBadRequest();
    }
}
