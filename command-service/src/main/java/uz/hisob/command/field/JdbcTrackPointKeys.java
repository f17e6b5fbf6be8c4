package uz.hisob.command.field;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link TrackPointKeys} as rows of {@code track_point_keys} (V12): one statement per batch, whose
 * {@code ON CONFLICT DO NOTHING RETURNING} answers the instants that were new; a concurrent batch with the same
 * instants waits for the first, then finds them taken.
 */
@Component
public class JdbcTrackPointKeys implements TrackPointKeys {

    private final JdbcTemplate jdbc;

    public JdbcTrackPointKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Instant> claimNew(String tenant, String agentId, Collection<Instant> instants) {
        Timestamp[] at = instants.stream().map(Timestamp::from).toArray(Timestamp[]::new);
        Set<Instant> claimed = new HashSet<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("INSERT INTO track_point_keys (tenant, agent_id, at) SELECT ?, ?, unnest(?) "
                    + "ON CONFLICT DO NOTHING RETURNING at");
            ps.setString(1, tenant);
            ps.setString(2, agentId);
            ps.setArray(3, con.createArrayOf("timestamptz", at));
            return ps;
        }, rs -> {
            claimed.add(rs.getTimestamp(1).toInstant());
        });
        return claimed;
    }

    /** A batch never carries points older than 7 days: their keys are no longer needed after 8. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldKeys() {
        jdbc.update("DELETE FROM track_point_keys WHERE at < now() - interval '8 days'");
    }
}
