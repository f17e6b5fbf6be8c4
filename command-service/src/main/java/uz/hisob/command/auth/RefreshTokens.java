package uz.hisob.command.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque, single-use refresh tokens. Only their SHA-256 is stored. Using one marks it used and issues its successor
 * in the same family; presenting a used one again revokes the whole family (whoever holds a copy is locked out).
 */
@Component
public class RefreshTokens {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock,
                         @Value("${hisob.security.refresh-token-ttl:PT12H}") Duration ttl) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.ttl = ttl;
    }

    public String issue(UUID userId) {
        return issue(userId, UUID.randomUUID());
    }

    private String issue(UUID userId, UUID family) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("INSERT INTO refresh_tokens (token_hash, user_id, family, expires_at) VALUES (?, ?, ?, ?)",
                hash(token), userId, family, Timestamp.from(clock.instant().plus(ttl)));
        return token;
    }

    /** Exchanges a refresh token for its successor; empty when it is unknown, expired, used or revoked. */
    public Optional<Rotation> rotate(String token) {
        byte[] hash = hash(token);
        return tx.execute(status -> {
            List<Object[]> rows = jdbc.query("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? "
                            + "AND used_at IS NULL AND NOT revoked AND expires_at > ? RETURNING user_id, family",
                    (rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)},
                    Timestamp.from(clock.instant()), hash, Timestamp.from(clock.instant()));
            if (rows.isEmpty()) {
                // a reused token: revoke its family so the other holder cannot go on either
                jdbc.update("UPDATE refresh_tokens SET revoked = TRUE WHERE family = "
                        + "(SELECT family FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL)", hash);
                return Optional.<Rotation>empty();
            }
            UUID userId = (UUID) rows.getFirst()[0];
            UUID family = (UUID) rows.getFirst()[1];
            return Optional.of(new Rotation(userId, issue(userId, family)));
        });
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetExpired() {
        jdbc.update("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'");
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user a refresh token belonged to and the token that replaces it. */
    public record Rotation(UUID userId, String nextToken) {
    }
}
