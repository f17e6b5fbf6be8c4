package uz.hisob.command.platform;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Idempotency records, kept 24 h per tenant and key. Written through the same JDBC connection as the command's
 * event append (the unit of work's Spring transaction), so a record exists exactly when the command's events do.
 */
@Component
public class IdempotencyStore {

    /** A stored answer. */
    public record Entry(String fingerprint, int status, String location, String body) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String tenant, String key) {
        return jdbc.query("SELECT fingerprint, status, location, body FROM idempotency_records "
                        + "WHERE tenant = ? AND key = ? AND created_at > now() - interval '24 hours'",
                (rs, i) -> new Entry(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)),
                tenant, key).stream().findFirst();
    }

    /**
     * Records the answer; a concurrent request with the same key makes this fail with a duplicate key (its
     * transaction rolls back, and that request answers from the record that won). A record older than 24 h is
     * replaced.
     */
    public void record(String tenant, String key, String fingerprint, int status, String location, String body) {
        int rows = jdbc.update("INSERT INTO idempotency_records (tenant, key, fingerprint, status, location, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                        + "status = EXCLUDED.status, location = EXCLUDED.location, body = EXCLUDED.body, created_at = now() "
                        + "WHERE idempotency_records.created_at <= now() - interval '24 hours'",
                tenant, key, fingerprint, status, location, body);
        if (rows == 0) {
            throw new IdempotencyConflict();
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forgetExpired() {
        jdbc.update("DELETE FROM idempotency_records WHERE created_at <= now() - interval '24 hours'");
    }

    /**
     * Waits, inside the caller's transaction, until no other transaction holds the same tenant and key (a
     * transaction-scoped advisory lock: it goes with the commit or rollback, across every node on the database).
     */
    public void lockKey(String tenant, String key) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {
        }, tenant + '\n' + key);
    }

    /** The request's key was answered by a request that committed first: that answer is the answer. */
    public static final class AnsweredBefore extends RuntimeException {
        private final transient Entry entry;

        AnsweredBefore(Entry entry) {
            super("answered before", null, false, false);
            this.entry = entry;
        }

        public Entry entry() {
            return entry;
        }
    }

    /** Another request with the same key committed first. */
    public static final class IdempotencyConflict extends RuntimeException {
        IdempotencyConflict() {
            super("idempotency key already recorded", null, false, false);
        }
    }
}
