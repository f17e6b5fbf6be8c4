package uz.hisob.local;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A test's client of a live stream (server-sent events) of the query-service. */
final class LiveStreams extends SystemTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    private LiveStreams() {
    }

    /**
     * Subscribes as {@code user} to the stream at {@code path} (resuming after {@code lastEventId} if given), once it
     * is open; its named events go to {@code into}. Dispose of it when done.
     */
    static Disposable subscribe(String path, String user, String lastEventId, BlockingQueue<ServerSentEvent<String>> into)
            throws InterruptedException {
        CountDownLatch open = new CountDownLatch(1);
        WebClient.RequestHeadersSpec<?> spec = WebClient.builder().clientConnector(CONNECTOR).baseUrl(system().queryUrl()).build().get()
                .uri(path).header("Authorization", bearer(user)).accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            spec = spec.header("Last-Event-ID", lastEventId);
        }
        Disposable subscription = spec.retrieve().bodyToFlux(SSE).doOnNext(e -> open.countDown())
                .filter(e -> e.event() != null).subscribe(into::add);
        assertThat(open.await(5, TimeUnit.SECONDS)).as("stream opened").isTrue();
        return subscription;
    }
}
