package uz.hisob.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static Jwt jwt(String token, Instant expires) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("cook").issuedAt(T0).expiresAt(expires).build();
    }

    @Test
    void aVerifiedTokenIsVerifiedOnceUntilItExpires() {
        AtomicInteger verifications = new AtomicInteger();
        ReactiveJwtDecoder full = token -> {
            verifications.incrementAndGet();
            return token.equals("bad") ? Mono.error(new BadJwtException("bad signature")) : Mono.just(jwt(token, T0.plusSeconds(900)));
        };
        MutableClock clock = new MutableClock(T0);
        CachingJwtDecoder decoder = new CachingJwtDecoder(full, clock, 100, Duration.ofMinutes(15));

        assertThat(decoder.decode("good").block().getSubject()).isEqualTo("cook");
        assertThat(decoder.decode("good").block().getTokenValue()).isEqualTo("good");
        assertThat(verifications).hasValue(1);

        // refusals are never remembered
        assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);

        // past exp and the 60 s of skew the full check allows, a remembered token is refused
        clock.now = T0.plusSeconds(900 + 59);
        assertThat(decoder.decode("good").block()).isNotNull();
        clock.now = T0.plusSeconds(900 + 61);
        assertThatThrownBy(() -> decoder.decode("good").block()).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(3);
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
