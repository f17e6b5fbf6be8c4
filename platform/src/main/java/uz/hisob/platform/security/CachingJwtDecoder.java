package uz.hisob.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Remembers tokens that were verified, so a client sending the same bearer token again is not charged an RSA
 * signature check and a JSON parse per request (they were the largest single cost of a small read). A remembered
 * token still expires when its {@code exp} says (with the same 60 s of clock skew the full check allows): a hit past it
 * is refused as the full check would refuse it.
 * Only successful verifications are remembered; a refused token is verified again every time.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private static final OAuth2Error EXPIRED = new OAuth2Error("invalid_token", "Jwt expired", null);
    /** The clock skew Spring Security's own timestamp check allows (JwtValidators' default). */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, long maximumSize, Duration keepFor) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keepFor).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            Instant expires = known.getExpiresAt();
            if (expires == null || clock.instant().isBefore(expires.plus(SKEW))) {
                return Mono.just(known);
            }
            verified.invalidate(token);
            return Mono.error(new JwtValidationException("Jwt expired at " + expires, List.of(EXPIRED)));
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
