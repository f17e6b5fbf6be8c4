package uz.hisob.command.inventory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.inventory.Line;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link TransferRoutes} as rows of {@code transfer_routes}: a route commits with the dispatch's events or not at all,
 * and a concurrent dispatch with the same id waits for the first to end, then loses; the receipt and the arrival mark
 * the row in their own transactions.
 */
@Component
public class JdbcTransferRoutes implements TransferRoutes {

    private static final TypeReference<List<Line>> LINES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public JdbcTransferRoutes(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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

    @Override
    public void received(String tenant, String transferId, String receivedBy, List<Line> arrived) {
        jdbc.update("UPDATE transfer_routes SET received_at = now(), received_by = ?, received_lines = ? WHERE tenant = ? AND transfer_id = ?",
                receivedBy, json.writeValueAsString(arrived), tenant, transferId);
    }

    @Override
    public void arrived(String tenant, String transferId) {
        jdbc.update("UPDATE transfer_routes SET arrived_at = now() WHERE tenant = ? AND transfer_id = ? AND arrived_at IS NULL",
                tenant, transferId);
    }

    @Override
    public List<PendingArrival> pendingArrivals(Instant receivedBefore, int limit) {
        return jdbc.query("SELECT tenant, transfer_id, from_location_id, to_location_id, received_by, received_lines FROM transfer_routes "
                        + "WHERE received_at IS NOT NULL AND arrived_at IS NULL AND received_at < ? ORDER BY received_at LIMIT ?",
                (rs, i) -> new PendingArrival(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        json.readValue(rs.getString(6), LINES)), Timestamp.from(receivedBefore), limit);
    }
}
