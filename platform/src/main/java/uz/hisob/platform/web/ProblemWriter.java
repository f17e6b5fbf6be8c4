package uz.hisob.platform.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem bodies with Hisob's {@code code} member; the one place that knows their shape. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public static Map<String, Object> body(HttpStatus status, String code, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:hisob:problem:" + code.toLowerCase().replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    public Mono<Void> write(ServerHttpResponse response, HttpStatus status, String code, String detail,
                            Map<String, Object> extensions) {
        return write(response, status, json.writeValueAsBytes(body(status, code, detail, extensions)));
    }

    /** A problem that is always the same (a 401 or 403 of the security filter), serialized once. */
    public Prepared prepare(HttpStatus status, String code, String detail) {
        return new Prepared(status, json.writeValueAsBytes(body(status, code, detail, Map.of())));
    }

    /** A problem body written ahead of time; {@link #write} sends it. */
    public record Prepared(HttpStatus status, byte[] bytes) {
        public Mono<Void> write(ServerHttpResponse response) {
            return ProblemWriter.write(response, status, bytes);
        }
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, byte[] bytes) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "5");
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
