package uz.hisob.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingBearerAuthenticationTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static Jwt jwt(String token, Instant expires) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("cook").issuedAt(T0).expiresAt(expires)
                .claim(JwtClaims.TENANT, "t1").claim(JwtClaims.PREFERRED_USERNAME, "cook")
                .claim(JwtClaims.ROLES, List.of("COOK")).build();
    }

    @Test
    void aVerifiedTokenIsVerifiedOnceUntilItExpires() {
        AtomicInteger verifications = new AtomicInteger();
        ReactiveJwtDecoder full = token -> {
            verifications.incrementAndGet();
            return token.equals("bad") ? Mono.error(new BadJwtException("bad signature")) : Mono.just(jwt(token, T0.plusSeconds(900)));
        };
        MutableClock clock = new MutableClock(T0);
        CachingBearerAuthentication auth = new CachingBearerAuthentication(full, clock, 100, Duration.ofMinutes(15));

        CallerAuthentication first = (CallerAuthentication) auth.authenticate(new BearerTokenAuthenticationToken("good")).block();
        assertThat(first.caller()).isEqualTo(new Caller("t1", "cook", Set.of("COOK")));
        assertThat(first.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_COOK");
        assertThat(first.isAuthenticated()).isTrue();
        // the same token again: the same authentication, its caller built once, no second verification
        assertThat(auth.authenticate(new BearerTokenAuthenticationToken("good")).block()).isSameAs(first);
        assertThat(verifications).hasValue(1);

        // refusals are never remembered, and are the resource server's own (401 invalid_token)
        assertThatThrownBy(() -> auth.authenticate(new BearerTokenAuthenticationToken("bad")).block())
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> auth.authenticate(new BearerTokenAuthenticationToken("bad")).block())
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verifications).hasValue(3);

        // past exp and the 60 s of skew the full check allows, a remembered token is refused
        clock.now = T0.plusSeconds(900 + 59);
        assertThat(auth.authenticate(new BearerTokenAuthenticationToken("good")).block()).isSameAs(first);
        clock.now = T0.plusSeconds(900 + 61);
        assertThatThrownBy(() -> auth.authenticate(new BearerTokenAuthenticationToken("good")).block())
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void anythingButABearerTokenIsNotItsBusiness() {
        CachingBearerAuthentication auth = new CachingBearerAuthentication(token -> Mono.error(new BadJwtException("x")),
                Clock.systemUTC(), 10, Duration.ofMinutes(1));
        assertThat(auth.authenticate(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("u", "p")).block()).isNull();
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
