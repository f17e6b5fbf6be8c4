package uz.hisob.command.field;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link VisitOwners} as rows of {@code visit_owners} (V10); a concurrent claim of one id waits for the first, then loses. */
@Component
public class JdbcVisitOwners implements VisitOwners {

    private final JdbcTemplate jdbc;

    public JdbcVisitOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String tenant, String visitId, String agentId, String projectId, java.time.Instant dueAt, String routeId) {
        return jdbc.update("INSERT INTO visit_owners (tenant, visit_id, agent_id, project_id, due_at, route_id) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", tenant, visitId, agentId, projectId, dueAt == null ? null : java.sql.Timestamp.from(dueAt),
                routeId) == 1;
    }

    @Override
    public java.util.List<String> openOfRoute(String tenant, String routeId, java.time.Instant now) {
        return jdbc.queryForList("SELECT visit_id FROM visit_owners WHERE tenant = ? AND route_id = ? AND due_at > ? ORDER BY visit_id",
                String.class, tenant, routeId, java.sql.Timestamp.from(now));
    }

    @Override
    public void due(String tenant, String visitId, java.time.Instant dueAt) {
        jdbc.update("UPDATE visit_owners SET due_at = ? WHERE tenant = ? AND visit_id = ?",
                dueAt == null ? null : java.sql.Timestamp.from(dueAt), tenant, visitId);
    }

    @Override
    public void dropped(String tenant, String visitId) {
        jdbc.update("UPDATE visit_owners SET dropped = TRUE, due_at = NULL WHERE tenant = ? AND visit_id = ?", tenant, visitId);
    }

    @Override
    public boolean wasDropped(String tenant, String visitId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT dropped FROM visit_owners WHERE tenant = ? AND visit_id = ?",
                (rs, i) -> rs.getBoolean(1), tenant, visitId).stream().findFirst().orElse(false));
    }

    @Override
    public java.util.List<Due> overdue(java.time.Instant now, int limit) {
        return jdbc.query("SELECT tenant, visit_id, agent_id FROM visit_owners WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?",
                (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3)), java.sql.Timestamp.from(now), limit);
    }

    @Override
    public Optional<Owner> find(String tenant, String visitId) {
        return jdbc.query("SELECT agent_id, project_id FROM visit_owners WHERE tenant = ? AND visit_id = ?",
                (rs, i) -> new Owner(rs.getString(1), rs.getString(2)), tenant, visitId).stream().findFirst();
    }
}
