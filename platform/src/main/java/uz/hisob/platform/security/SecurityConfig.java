package uz.hisob.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.SecurityWebFilterChain;
import uz.hisob.platform.web.ProblemWriter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
     * The open paths have a chain of their own that authenticates nothing: a health probe or a token request pays
     * for no bearer-token filter, no authorization and no security context.
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain publicPaths(ServerHttpSecurity http) {
        return stateless(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(PUBLIC_PATHS))
                .authorizeExchange(ex -> ex.anyExchange().permitAll())
                .build();
    }

    /**
     * Everything else: a bearer token, authenticated once per token ({@link CachingBearerAuthentication}), then the
     * service's role table decided in one step ({@link RoleRules}).
     */
    @Bean
    @Order(1)
    SecurityWebFilterChain api(ServerHttpSecurity http, ProblemWriter problems, ReactiveJwtDecoder decoder,
                               List<AuthorizationRules> serviceRules) {
        CachingBearerAuthentication authentication =
                new CachingBearerAuthentication(decoder, Clock.systemUTC(), 10_000, Duration.ofMinutes(15));
        RoleRules roles = new RoleRules(serviceRules);
        return stateless(http)
                .authorizeExchange(ex -> ex.anyExchange().access(roles))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.authenticationManager(authentication))
                        .authenticationEntryPoint((exchange, e) -> {
                            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            return problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                    "A valid bearer token is required", Map.of());
                        })
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange.getResponse(),
                                HttpStatus.FORBIDDEN, "FORBIDDEN", "Your roles do not allow this", Map.of())))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange.getResponse(),
                                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required", Map.of()))
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange.getResponse(),
                                HttpStatus.FORBIDDEN, "FORBIDDEN", "Your roles do not allow this", Map.of())))
                .build();
    }

    /**
     * What both chains share: no CSRF, basic, form login, logout or request cache (a stateless API), and no security
     * context repository: the bearer token is the whole security context. The default repository keeps it in a web
     * session, and loading that session moved every request, even a 401, to another thread (Reactor's parallel
     * scheduler) and back: 40 % of the command-service's CPU per refused request.
     */
    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance());
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
