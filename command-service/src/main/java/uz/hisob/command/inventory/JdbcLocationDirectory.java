package uz.hisob.command.inventory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link LocationDirectory} as rows of {@code stock_locations}, written in the transaction of the opening. */
@Component
public class JdbcLocationDirectory implements LocationDirectory {

    private final JdbcTemplate jdbc;

    public JdbcLocationDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String tenant, String locationId, String kind) {
        jdbc.update("INSERT INTO stock_locations (tenant, location_id, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                tenant, locationId, kind);
    }

    @Override
    public List<String> warehouses(String tenant) {
        return jdbc.queryForList("SELECT location_id FROM stock_locations WHERE tenant = ? AND kind = 'WAREHOUSE' ORDER BY location_id",
                String.class, tenant);
    }

    @Override
    public String kindOf(String tenant, String locationId) {
        List<String> kinds = jdbc.queryForList("SELECT kind FROM stock_locations WHERE tenant = ? AND location_id = ?",
                String.class, tenant, locationId);
        return kinds.isEmpty() ? null : kinds.get(0);
    }
}
