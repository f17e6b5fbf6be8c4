package uz.hisob.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.web.ProblemWriter;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenFilterTest {

    private static CallerAuthentication caller(String role) {
        return CallerAuthentication.of(Jwt.withTokenValue("t-" + role).header("alg", "RS256").claim(JwtClaims.TENANT, "t1")
                .claim(JwtClaims.PREFERRED_USERNAME, "ann").claim(JwtClaims.ROLES, List.of(role)).build());
    }

    /** "good-ROLE" authenticates with that role, "bad" is refused, "down" finds the keys unreachable. */
    private final ReactiveAuthenticationManager authentication = a -> {
        String token = ((BearerTokenAuthenticationToken) a).getToken();
        if (token.startsWith("good-")) {
            return Mono.just(caller(token.substring(5)));
        }
        if (token.equals("down")) {
            return Mono.error(new AuthenticationServiceException("JWKS unreachable"));
        }
        return Mono.error(new InvalidBearerTokenException("bad signature"));
    };

    private final BearerTokenFilter filter = new BearerTokenFilter(new String[] {"/actuator/**"}, authentication,
            new RoleRules(List.of(r -> r.allow(HttpMethod.POST, "/api/kitchens", "ADMIN"))),
            new ProblemWriter(JsonMapper.builder().build()));

    private final AtomicReference<Object> passedWith = new AtomicReference<>();
    private final WebFilterChain chain = exchange -> {
        passedWith.set(exchange.getAttributes().getOrDefault(BearerTokenFilter.CALLER, "no caller"));
        return Mono.empty();
    };

    private MockServerWebExchange run(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, chain).block();
        exchange.getResponse().setComplete().block();
        return exchange;
    }

    /** The request was answered with this problem and never reached the chain. */
    private MockServerWebExchange refused(MockServerWebExchange ex, HttpStatus status, String code) {
        assertThat(ex.getResponse().getStatusCode()).isEqualTo(status);
        assertThat(ex.getResponse().getBodyAsString().block()).contains("\"code\":\"" + code + "\"");
        assertThat(passedWith.get()).isNull();
        return ex;
    }

    @Test
    void openPathsPassWithoutAToken() {
        MockServerWebExchange ex = run(MockServerHttpRequest.get("/actuator/health").header("Authorization", "Bearer bad"));
        assertThat(passedWith.get()).isEqualTo("no caller");
        assertThat(ex.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void noTokenOrABadOneIs401NamingTheScheme() {
        for (var request : List.of(MockServerHttpRequest.get("/api/kitchens"),
                MockServerHttpRequest.get("/api/kitchens").header("Authorization", "Bearer bad"),
                MockServerHttpRequest.get("/api/kitchens").header("Authorization", "Bearer"))) {
            MockServerWebExchange ex = refused(run(request), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
            assertThat(ex.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void unreachableKeysAre503NotALogout() {
        MockServerWebExchange ex = refused(run(MockServerHttpRequest.get("/api/kitchens").header("Authorization", "Bearer down")),
                HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE");
        assertThat(ex.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }

    @Test
    void theRoleTableDecidesAndTheCallerGoesOn() {
        refused(run(MockServerHttpRequest.post("/api/kitchens").header("Authorization", "Bearer good-COOK")),
                HttpStatus.FORBIDDEN, "FORBIDDEN");

        run(MockServerHttpRequest.post("/api/kitchens").header("Authorization", "Bearer good-ADMIN"));
        assertThat(passedWith.get()).isEqualTo(new Caller("t1", "ann", java.util.Set.of("ADMIN")));
        // no rule for the path: any valid token
        run(MockServerHttpRequest.get("/api/kitchens").header("Authorization", "Bearer good-COOK"));
        assertThat(passedWith.get()).isEqualTo(new Caller("t1", "ann", java.util.Set.of("COOK")));
    }
}
