package uz.hisob.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Authenticates bearer tokens as Spring Security's JWT resource server does (signature, expiry, issuer, Hisob's claims;
 * the same refusals), and remembers each verified token with its {@link CallerAuthentication}: a client sending the
 * same token again is charged neither an RSA signature check and a JSON parse nor the building of its caller. A
 * remembered token still expires when its {@code exp} says (with the same 60 s of clock skew the full check allows).
 * Only successful verifications are remembered; a refused token is verified again every time.
 */
public final class CachingBearerAuthentication implements ReactiveAuthenticationManager {

    /** The clock skew Spring Security's own timestamp check allows (JwtValidators' default). */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final ReactiveAuthenticationManager verify;
    private final Clock clock;
    private final Cache<String, CallerAuthentication> verified;

    public CachingBearerAuthentication(ReactiveJwtDecoder decoder, Clock clock, long maximumSize, Duration keepFor) {
        JwtReactiveAuthenticationManager full = new JwtReactiveAuthenticationManager(decoder);
        full.setJwtAuthenticationConverter(jwt -> Mono.just(CallerAuthentication.of(jwt)));
        this.verify = full;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keepFor).build();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        String token = bearer.getToken();
        CallerAuthentication known = verified.getIfPresent(token);
        if (known != null) {
            Instant expires = known.getToken().getExpiresAt();
            if (expires == null || clock.instant().isBefore(expires.plus(SKEW))) {
                return Mono.just(known);
            }
            verified.invalidate(token);
            return Mono.error(new InvalidBearerTokenException("Jwt expired at " + expires));
        }
        return verify.authenticate(authentication).doOnNext(a -> {
            if (a instanceof CallerAuthentication c) {
                verified.put(token, c);
            }
        });
    }
}
