package uz.hisob.command.field;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link ClientKeys} as rows of {@code client_onec_codes} (V10). */
@Component
public class JdbcClientKeys implements ClientKeys {

    private final JdbcTemplate jdbc;

    public JdbcClientKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> claimOnecCode(String tenant, String projectId, String onecCode, String clientId) {
        if (onecCode != null) {
            jdbc.update("INSERT INTO client_onec_codes (tenant, project_id, onec_code, client_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    tenant, projectId, onecCode, clientId);
            String owner = jdbc.queryForObject("SELECT client_id FROM client_onec_codes WHERE tenant = ? AND project_id = ? AND onec_code = ?",
                    String.class, tenant, projectId, onecCode);
            if (!clientId.equals(owner)) {
                return Optional.ofNullable(owner);
            }
        }
        jdbc.update("DELETE FROM client_onec_codes WHERE tenant = ? AND client_id = ? AND onec_code IS DISTINCT FROM ?",
                tenant, clientId, onecCode);
        return Optional.empty();
    }

    @Override
    public Optional<String> clientByCode(String tenant, String projectId, String onecCode) {
        return jdbc.queryForList("SELECT client_id FROM client_onec_codes WHERE tenant = ? AND project_id = ? AND onec_code = ?",
                String.class, tenant, projectId, onecCode).stream().findFirst();
    }
}
