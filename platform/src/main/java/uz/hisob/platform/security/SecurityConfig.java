package uz.hisob.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ProblemWriter;

import java.util.Collection;
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

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemWriter problems,
                                                  List<AuthorizationRules> serviceRules) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(ex -> {
                    ex.pathMatchers(PUBLIC_PATHS).permitAll();
                    serviceRules.forEach(r -> r.apply(ex));
                    ex.anyExchange().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfig::authentication))
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

    static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(JwtClaims.ROLES);
        Collection<GrantedAuthority> authorities = roles == null ? List.of()
                : roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getClaimAsString(JwtClaims.PREFERRED_USERNAME)));
    }
}
