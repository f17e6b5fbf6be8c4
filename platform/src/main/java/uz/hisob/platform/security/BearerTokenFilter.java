package uz.hisob.platform.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ProblemWriter;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The whole security chain of both services, as one filter inside Spring Security's {@code WebFilterChainProxy} (which
 * keeps its firewall): Spring Security's default response headers; the open paths pass untouched; every other request
 * needs a bearer token (read by Spring Security's converter, verified once per token by
 * {@link CachingBearerAuthentication}) and one of the roles the service's table ({@link RoleRules}) asks for the path.
 * Refusals are problem bodies: 401 {@code UNAUTHENTICATED} with {@code WWW-Authenticate: Bearer}, 403 {@code FORBIDDEN},
 * 503 {@code UNAVAILABLE} when the token cannot be checked because the signing keys are unreachable.
 * The caller goes on as an exchange attribute ({@link #CALLER}), which {@link CallerResolver} hands to the handlers.
 * <p>
 * One filter instead of the resource server's chain of eight: each filter of a WebFlux chain is a checkpoint of its
 * own (an assembly-tracing operator through which every signal of the request passes), and those operators were
 * the largest single share of a refused request's CPU.
 */
public final class BearerTokenFilter implements WebFilter {

    /** The exchange attribute holding the authenticated {@link Caller}. */
    public static final String CALLER = BearerTokenFilter.class.getName() + ".caller";

    private final List<PathPattern> open;
    private final ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
    private final ReactiveAuthenticationManager authentication;
    private final RoleRules roles;
    private final ProblemWriter.Prepared unauthenticated;
    private final ProblemWriter.Prepared forbidden;
    private final ProblemWriter.Prepared verifierDown;
    private final ServerHttpHeadersWriter headers = new CompositeServerHttpHeadersWriter(
            new CacheControlServerHttpHeadersWriter(), new ContentTypeOptionsServerHttpHeadersWriter(),
            new StrictTransportSecurityServerHttpHeadersWriter(), new XFrameOptionsServerHttpHeadersWriter(),
            new XXssProtectionServerHttpHeadersWriter());

    public BearerTokenFilter(String[] openPaths, ReactiveAuthenticationManager authentication, RoleRules roles,
                             ProblemWriter problems) {
        this.open = Arrays.stream(openPaths).map(PathPatternParser.defaultInstance::parse).toList();
        this.authentication = authentication;
        this.roles = roles;
        this.unauthenticated = problems.prepare(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required");
        this.forbidden = problems.prepare(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your roles do not allow this");
        this.verifierDown = problems.prepare(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
                "Tokens cannot be verified right now (the signing keys are unreachable); retry shortly");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> headers.writeHttpHeaders(exchange));
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern p : open) {
            if (p.matches(path)) {
                return chain.filter(exchange);
            }
        }
        if (roles.isOpen(path)) {
            return chain.filter(exchange);
        }
        return bearer.convert(exchange)
                .flatMap(authentication::authenticate)
                .map(a -> (Object) a)
                .onErrorResume(AuthenticationException.class, e -> Mono.just(e))
                .defaultIfEmpty(NO_TOKEN)
                .flatMap(outcome -> {
                    if (outcome instanceof AuthenticationServiceException) {
                        // the token may well be good: the keys to check it could not be fetched. A 401 would send the
                        // client to log in again for nothing
                        return verifierDown.write(exchange.getResponse());
                    }
                    if (!(outcome instanceof CallerAuthentication caller) || !caller.isAuthenticated()) {
                        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                        return unauthenticated.write(exchange.getResponse());
                    }
                    if (!allowed(exchange, caller)) {
                        return forbidden.write(exchange.getResponse());
                    }
                    exchange.getAttributes().put(CALLER, caller.caller());
                    return chain.filter(exchange);
                });
    }

    private static final Object NO_TOKEN = new Object();

    private boolean allowed(ServerWebExchange exchange, CallerAuthentication caller) {
        var request = exchange.getRequest();
        Set<String> wanted = roles.rolesFor(request.getMethod(), request.getPath().pathWithinApplication());
        if (wanted == null) {
            return true;
        }
        for (String role : caller.caller().roles()) {
            if (wanted.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
