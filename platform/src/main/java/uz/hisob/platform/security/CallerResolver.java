package uz.hisob.platform.security;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ApiException;

/**
 * Resolves the {@link Caller} parameter of controller methods: the caller {@link BearerTokenFilter} authenticated
 * (built once with the token) and left on the exchange.
 */
@Component
public class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(BearerTokenFilter.CALLER);
        return caller != null ? Mono.just(caller) : Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                "UNAUTHENTICATED", "A valid bearer token is required")); // an open path's handler asked for a caller
    }
}
