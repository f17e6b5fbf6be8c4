package uz.hisob.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures of a dependency answer 503, never 500 (common.md: bad input 4xx, an outage 503, nothing else 5xx). */
class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler(null, List.of());

    @Test
    void anAbortedOrTimedOutDependencyCallIsUnavailable() {
        // as the Elasticsearch client reports a request cancelled while it waited for a connection
        ApiException aborted = handler.toProblem(new IllegalStateException("search failed", new java.io.InterruptedIOException()));
        assertThat(aborted.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(handler.toProblem(new java.net.SocketTimeoutException("Read timed out")).status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        // a bug stays a 500
        assertThat(handler.toProblem(new IllegalStateException("a bug")).status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
