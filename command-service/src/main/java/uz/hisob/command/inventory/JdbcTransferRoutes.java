package uz.hisob.command.inventory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@link TransferRoutes} as rows of {@code transfer_routes}: a route commits with the dispatch's events or not at all,
 * and a concurrent dispatch with the same id waits for the first to end, then loses.
 */
@Component
public class JdbcTransferRoutes implements TransferRoutes {

    private final JdbcTemplate jdbc;

    public JdbcTransferRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean open(String tenant, String transferId, String fromLocationId, String toLocationId) {
        return jdbc.update("INSERT INTO transfer_routes (tenant, transfer_id, from_location_id, to_location_id) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", tenant, transferId, fromLocationId, toLocationId) == 1;
    }

    @Override
    public Optional<Route> find(String tenant, String transferId) {
        return jdbc.query("SELECT from_location_id, to_location_id FROM transfer_routes WHERE tenant = ? AND transfer_id = ?",
                (rs, i) -> new Route(rs.getString(1), rs.getString(2)), tenant, transferId).stream().findFirst();
    }
}
