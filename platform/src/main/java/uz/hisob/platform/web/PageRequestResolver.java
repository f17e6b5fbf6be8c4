package uz.hisob.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Binds {@code page} and {@code size} query parameters to a {@link PageRequest} for every list endpoint. */
@Component
public class PageRequestResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageRequest.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> {
            var params = exchange.getRequest().getQueryParams();
            return new PageRequest(intParam(params.getFirst("page"), "page", 0),
                    intParam(params.getFirst("size"), "size", PageRequest.DEFAULT_SIZE));
        });
    }

    private static int intParam(String value, String name, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number");
        }
    }
}
