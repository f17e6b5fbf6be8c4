package uz.hisob.command.onec.order;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.onec.OnecOrderDraft;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link OnecOrderOutbox} as rows of {@code onec_order_outbox} (V21); taken with {@code FOR UPDATE SKIP LOCKED}. */
@Component
public class JdbcOnecOrderOutbox implements OnecOrderOutbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public JdbcOnecOrderOutbox(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void queued(String tenant, String orderId, String projectId, OnecOrderDraft draft) {
        jdbc.update("""
                INSERT INTO onec_order_outbox (tenant, order_id, project_id, draft, state, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?::jsonb, 'PENDING', 0, now()) ON CONFLICT DO NOTHING""", tenant, orderId, projectId, json.writeValueAsString(draft));
    }

    @Override
    public void done(String tenant, String orderId, String state) {
        jdbc.update("UPDATE onec_order_outbox SET state = ?, attempts = attempts + 1 WHERE tenant = ? AND order_id = ?", state, tenant, orderId);
    }

    @Override
    public void retryAt(String tenant, String orderId, Instant at) {
        jdbc.update("UPDATE onec_order_outbox SET state = 'PENDING', attempts = attempts + 1, next_attempt_at = ? WHERE tenant = ? AND order_id = ?",
                Timestamp.from(at), tenant, orderId);
    }

    @Override
    public List<Due> take(int limit, Duration lease) {
        return jdbc.query("""
                UPDATE onec_order_outbox o SET next_attempt_at = now() + make_interval(secs => ?)
                FROM (SELECT tenant, order_id FROM onec_order_outbox WHERE state = 'PENDING' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE o.tenant = due.tenant AND o.order_id = due.order_id
                RETURNING o.tenant, o.order_id, o.project_id, o.draft::text, o.attempts""",
                (rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), json.readValue(rs.getString(4), OnecOrderDraft.class),
                        rs.getInt(5)), (double) lease.toMillis() / 1000, limit);
    }
}
