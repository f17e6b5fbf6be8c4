package uz.hisob.platform.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ApiException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;

/** Resolves the {@link Caller} parameter of controller methods from the authenticated JWT. */
@Component
public class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Caller known = exchange.getAttribute(BearerTokenFilter.CALLER);
        if (known != null) {
            return Mono.just(known); // built once with the token
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .<Object>handle((a, sink) -> {
                    if (a instanceof CallerAuthentication c) {
                        sink.next(c.caller()); // built once with the token, not per request
                    } else if (a instanceof JwtAuthenticationToken j) {
                        sink.next(fromJwt(j.getToken()));
                    }
                })
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                        "A valid bearer token is required")));
    }

    public static Caller fromJwt(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(JwtClaims.ROLES);
        Set<String> roleSet = roles == null ? Set.of() : new HashSet<>(roles);
        return new Caller(jwt.getClaimAsString(JwtClaims.TENANT), jwt.getClaimAsString(JwtClaims.PREFERRED_USERNAME),
                Set.copyOf(roleSet));
    }
}
