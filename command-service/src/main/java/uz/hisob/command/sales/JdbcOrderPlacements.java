package uz.hisob.command.sales;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link OrderPlacements} as rows of {@code order_placements}. */
@Component
public class JdbcOrderPlacements implements OrderPlacements {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcOrderPlacements(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void reserving(String tenant, String orderId, String locationId, String reservationId) {
        String one = JSON.writeValueAsString(List.of(new Reservation(locationId, reservationId)));
        // its own transaction: committed before the reservation it announces
        transactions.executeWithoutResult(s -> jdbc.update("""
                INSERT INTO order_placements (tenant, order_id, reservations) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (tenant, order_id) DO UPDATE SET reservations = order_placements.reservations || EXCLUDED.reservations""",
                tenant, orderId, one));
    }

    @Override
    public boolean placed(String tenant, String orderId) {
        // in the order's transaction; waits for a sweep that is taking the row, then finds it gone
        return jdbc.update("DELETE FROM order_placements WHERE tenant = ? AND order_id = ?", tenant, orderId) == 1;
    }

    @Override
    public void abandoned(String tenant, String orderId) {
        jdbc.update("DELETE FROM order_placements WHERE tenant = ? AND order_id = ?", tenant, orderId);
    }

    @Override
    public List<Orphan> takeOverdue(Duration grace, int limit) {
        return transactions.execute(s -> jdbc.query("""
                DELETE FROM order_placements WHERE (tenant, order_id) IN (
                    SELECT tenant, order_id FROM order_placements WHERE started_at < now() - ?::interval
                    ORDER BY started_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING tenant, order_id, reservations::text AS reservations""",
                (rs, i) -> {
                    List<Reservation> reservations = new ArrayList<>();
                    for (JsonNode r : JSON.readTree(rs.getString("reservations"))) {
                        reservations.add(new Reservation(r.get("locationId").asString(), r.get("reservationId").asString()));
                    }
                    return new Orphan(rs.getString("tenant"), rs.getString("order_id"), reservations);
                }, grace.toMillis() + " milliseconds", limit));
    }
}
