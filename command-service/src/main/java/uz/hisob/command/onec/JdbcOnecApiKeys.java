package uz.hisob.command.onec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link OnecApiKeys} as rows of {@code onec_api_keys} (V19). */
@Component
public class JdbcOnecApiKeys implements OnecApiKeys {

    private final JdbcTemplate jdbc;

    public JdbcOnecApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void issued(String tenant, String projectId, String keyId, String keyHash) {
        jdbc.update("INSERT INTO onec_api_keys (key_hash, tenant, project_id, key_id) VALUES (?, ?, ?, ?)", keyHash, tenant, projectId, keyId);
    }

    @Override
    public void revoked(String tenant, String projectId, String keyId) {
        jdbc.update("DELETE FROM onec_api_keys WHERE tenant = ? AND project_id = ? AND key_id = ?", tenant, projectId, keyId);
    }

    @Override
    public Optional<Owner> owner(String keyHash) {
        return jdbc.query("SELECT tenant, project_id, key_id FROM onec_api_keys WHERE key_hash = ?",
                (rs, n) -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3)), keyHash).stream().findFirst();
    }
}
