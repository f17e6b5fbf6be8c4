package uz.hisob.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over 1 MiB with 413 {@code PAYLOAD_TOO_LARGE}: at once when {@code Content-Length} says so,
 * and while streaming when a chunked body grows past the limit. Runs before security, so an oversized body is
 * never read into memory. An upload ({@code multipart/form-data}: an image of at most 10 MiB) may be 10 MiB and
 * 64 KiB of multipart framing; its endpoint holds the file itself to its own limit.
 */
@Component
public class BodyLimitFilter implements WebFilter, Ordered {

    public static final long MAX_BODY_BYTES = 1024 * 1024;
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024 + 64 * 1024;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        org.springframework.http.MediaType type = exchange.getRequest().getHeaders().getContentType();
        boolean upload = type != null && org.springframework.http.MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
        long limit = upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
        if (declared > limit) {
            return Mono.error(tooLarge(limit));
        }
        ServerHttpRequestDecorator limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", limit == MAX_BODY_BYTES
                ? "The request body is larger than 1 MiB" : "The upload is larger than 10 MiB");
    }
}
