package uz.hisob.command.onec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.onec.OnecLinkSettings;

import java.time.Instant;
import java.util.List;

/**
 * {@link OnecLinks}: the linked projects as the scheduler needs them ({@code onec_links}, V18): when each is due and which run is in
 * progress. Written by {@link OnecLink} in the transaction of its events, so a run started anywhere is seen by every
 * instance's scheduler, and a run whose instance died is found and resumed.
 */
@Component
public class JdbcOnecLinks implements OnecLinks {

    private final JdbcTemplate jdbc;

    public JdbcOnecLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void linked(String tenant, String projectId, OnecLinkSettings s) {
        jdbc.update("""
                INSERT INTO onec_links (tenant, project_id, wsdl_url, alternative_wsdl_url, username, timeout_seconds,
                                        sync_every_minutes, authenticate_agents, exchange_login, next_sync_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(mins => ?))
                ON CONFLICT (tenant, project_id) DO UPDATE SET wsdl_url = EXCLUDED.wsdl_url,
                    alternative_wsdl_url = EXCLUDED.alternative_wsdl_url, username = EXCLUDED.username,
                    timeout_seconds = EXCLUDED.timeout_seconds, sync_every_minutes = EXCLUDED.sync_every_minutes,
                    authenticate_agents = EXCLUDED.authenticate_agents, exchange_login = EXCLUDED.exchange_login""",
                tenant, projectId, s.wsdlUrl(), s.alternativeWsdlUrl(), s.username(), s.timeoutSeconds(), s.syncEveryMinutes(),
                s.authenticateAgents(), s.exchangeLogin(), s.syncEveryMinutes());
    }

    @Override
    public void unlinked(String tenant, String projectId) {
        jdbc.update("DELETE FROM onec_links WHERE tenant = ? AND project_id = ?", tenant, projectId);
    }

    @Override
    public void running(String tenant, String projectId, String runId) {
        jdbc.update("UPDATE onec_links SET running_run_id = ? WHERE tenant = ? AND project_id = ?", runId, tenant, projectId);
    }

    @Override
    public void finished(String tenant, String projectId, Instant at) {
        jdbc.update("""
                UPDATE onec_links SET running_run_id = NULL, next_sync_at = CAST(? AS TIMESTAMPTZ) + make_interval(mins => sync_every_minutes)
                WHERE tenant = ? AND project_id = ?""", java.sql.Timestamp.from(at), tenant, projectId);
    }

    @Override
    public List<Row> all() {
        return jdbc.query(SELECT + " ORDER BY tenant, project_id", JdbcOnecLinks::row);
    }

    @Override
    public java.util.Optional<Row> find(String tenant, String projectId) {
        return jdbc.query(SELECT + " WHERE tenant = ? AND project_id = ?", JdbcOnecLinks::row, tenant, projectId).stream().findFirst();
    }

    private static final String SELECT = """
            SELECT tenant, project_id, wsdl_url, alternative_wsdl_url, username, timeout_seconds, sync_every_minutes,
                   authenticate_agents, exchange_login, running_run_id, next_sync_at FROM onec_links""";

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2),
                new OnecLinkSettings(rs.getString(3), rs.getString(4), rs.getString(5), true, rs.getInt(6), rs.getInt(7),
                        rs.getBoolean(8), rs.getString(9), rs.getString(9) != null),
                        rs.getString(10), rs.getTimestamp(11).toInstant());
    }
}
