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
    public boolean claim(String tenant, String visitId, String agentId, String projectId) {
        return jdbc.update("INSERT INTO visit_owners (tenant, visit_id, agent_id, project_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                tenant, visitId, agentId, projectId) == 1;
    }

    @Override
    public Optional<Owner> find(String tenant, String visitId) {
        return jdbc.query("SELECT agent_id, project_id FROM visit_owners WHERE tenant = ? AND visit_id = ?",
                (rs, i) -> new Owner(rs.getString(1), rs.getString(2)), tenant, visitId).stream().findFirst();
    }
}
