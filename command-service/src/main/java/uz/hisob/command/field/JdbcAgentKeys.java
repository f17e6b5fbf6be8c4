package uz.hisob.command.field;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link AgentKeys} as rows of {@code agent_onec_codes} (V18), written in the transaction of the agent's events. */
@Component
public class JdbcAgentKeys implements AgentKeys {

    private final JdbcTemplate jdbc;

    public JdbcAgentKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> claimAgentCode(String tenant, String projectId, String onecCode, String agentId) {
        if (onecCode != null) {
            jdbc.update("INSERT INTO agent_onec_codes (tenant, project_id, onec_code, agent_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    tenant, projectId, onecCode, agentId);
            Optional<String> owner = agentByCode(tenant, projectId, onecCode);
            if (owner.isPresent() && !owner.get().equals(agentId)) {
                return owner;
            }
        }
        jdbc.update("DELETE FROM agent_onec_codes WHERE tenant = ? AND project_id = ? AND agent_id = ? AND onec_code IS DISTINCT FROM ?",
                tenant, projectId, agentId, onecCode);
        return Optional.empty();
    }

    @Override
    public Optional<String> agentByCode(String tenant, String projectId, String onecCode) {
        return jdbc.queryForList("SELECT agent_id FROM agent_onec_codes WHERE tenant = ? AND project_id = ? AND onec_code = ?",
                String.class, tenant, projectId, onecCode).stream().findFirst();
    }

    @Override
    public Optional<String> codeOf(String tenant, String projectId, String agentId) {
        return jdbc.queryForList("SELECT onec_code FROM agent_onec_codes WHERE tenant = ? AND project_id = ? AND agent_id = ?",
                String.class, tenant, projectId, agentId).stream().findFirst();
    }
}
