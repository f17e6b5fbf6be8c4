package uz.hisob.query.platform;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ApiException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Read-your-writes for every GET of the query-service: with {@code minPosition=n} the request waits (up to
 * {@code hisob.read.min-position-timeout}, 5 s) until the read models the endpoint reads ({@link ReadsFrom}) have
 * applied position n, else answers 503 {@code PROJECTION_LAGGING}. Without the parameter nothing waits.
 * Runs after authentication, so an unauthenticated caller is refused at once.
 */
@Component
public class MinPositionFilter implements WebFilter {

    public static final String PARAM = "minPosition";

    private final RequestMappingHandlerMapping mappings;
    private final ReadModelProgress progress;
    private final Duration timeout;

    public MinPositionFilter(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
                             ReadModelProgress progress,
                             @org.springframework.beans.factory.annotation.Value("${hisob.read.min-position-timeout:PT5S}") Duration timeout) {
        this.mappings = mappings;
        this.progress = progress;
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getQueryParams().getFirst(PARAM);
        if (raw == null || exchange.getRequest().getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        long position;
        try {
            position = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return Mono.error(ApiException.invalid(PARAM, "must be a whole number"));
        }
        if (position < 0) {
            return Mono.error(ApiException.invalid(PARAM, "must be 0 or more"));
        }
        return mappings.getHandler(exchange)
                .map(this::processorsOf)
                .defaultIfEmpty(List.of())
                .flatMap(names -> {
                    if (names.isEmpty()) {
                        return Mono.<Void>empty(); // reads no projection: nothing to wait for
                    }
                    Collection<String> wanted = names.contains(ReadsFrom.ALL) ? progress.processors().keySet() : names;
                    return progress.awaitApplied(wanted, position, timeout);
                })
                .onErrorMap(TimeoutException.class, e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        "PROJECTION_LAGGING", "The read model has not reached position " + position + " within "
                        + timeout.toSeconds() + " s; retry shortly"))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    private List<String> processorsOf(Object handler) {
        if (handler instanceof HandlerMethod method) {
            ReadsFrom reads = method.getMethodAnnotation(ReadsFrom.class);
            if (reads == null) {
                reads = method.getBeanType().getAnnotation(ReadsFrom.class);
            }
            if (reads != null) {
                return List.of(reads.value());
            }
        }
        return List.of();
    }
}
