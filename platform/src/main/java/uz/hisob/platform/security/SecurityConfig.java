package uz.hisob.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import uz.hisob.platform.web.ProblemWriter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Both services are OAuth2 resource servers with the same rules: the health, metrics and API-description endpoints
 * and {@code /api/auth/*} are open, everything else needs a valid bearer token, and roles come from the token's
 * {@code roles} claim (each service's {@link AuthorizationRules}). Refusals are problem+json bodies.
 * Each service supplies its own {@code ReactiveJwtDecoder}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    static final String[] PUBLIC_PATHS = {
        "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**",
        "/api/auth/**", "/.well-known/**"
    };

    /**
     * The one chain: Spring Security's {@code WebFilterChainProxy} (its firewall) around a single {@link BearerTokenFilter}
     * that lets the open paths through untouched, authenticates a bearer token once per token and applies the
     * service's role table. Built by hand rather than with {@code ServerHttpSecurity}, whose resource-server chain ran
     * eight filters per request, each a checkpoint operator of its own.
     */
    @Bean
    SecurityWebFilterChain bearerTokens(ProblemWriter problems, ReactiveJwtDecoder decoder,
                                        List<AuthorizationRules> serviceRules) {
        CachingBearerAuthentication authentication =
                new CachingBearerAuthentication(decoder, Clock.systemUTC(), 10_000, Duration.ofMinutes(15));
        return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(),
                List.of(new BearerTokenFilter(PUBLIC_PATHS, authentication, new RoleRules(serviceRules), problems)));
    }

    /**
     * No observations of Spring Security's own: the HTTP server's (http.server.requests) already time every request.
     * Turned off by property alone, the observations became no-ops but their decorators stayed, wrapping every filter
     * of the chain, the authentication and the authorization in more reactive operators (about a tenth of a refused
     * request's CPU); with these settings the chain is built without them.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall, with its path rules (no encoded slashes, no {@code ..}, no {@code ;} …) but without
     * its header checks: {@code TextRulesFilter} runs before it and refuses what they would (control characters, broken
     * UTF-8) with a 400 naming the header, and Netty validates header names. The firewall's header checks ran a regular
     * expression over every header of every request (3–4 % of the event loop's CPU per command).
     */
    @Bean
    static org.springframework.security.web.server.firewall.ServerWebExchangeFirewall firewall() {
        org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall firewall =
                new org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(name -> true);
        firewall.setAllowedHeaderValues(value -> true);
        firewall.setAllowedParameterNames(name -> true); // query parameters: TextRulesFilter too
        firewall.setAllowedParameterValues(value -> true);
        return firewall;
    }
}
