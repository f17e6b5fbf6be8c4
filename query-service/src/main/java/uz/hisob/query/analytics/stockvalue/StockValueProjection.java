package uz.hisob.query.analytics.stockvalue;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.inventory.ReservationFulfilled;
import uz.hisob.events.inventory.StockCounted;
import uz.hisob.events.inventory.StockLine;
import uz.hisob.events.inventory.StockReceived;
import uz.hisob.events.inventory.StockReturned;
import uz.hisob.events.inventory.StockTaken;
import uz.hisob.events.inventory.StockWrittenOff;
import uz.hisob.events.inventory.TransferArrived;
import uz.hisob.events.inventory.TransferDispatched;

import java.math.BigDecimal;
import java.util.List;

/**
 * The value of the stock at each location: per product what is on hand, at the moving average of the unit costs it
 * was received at. A receipt with a cost moves the average ({@code (onHand × average + quantity × cost) ÷ (onHand +
 * quantity)}; the first cost, or the first after the stock ran out, is the average); everything that leaves (a sale,
 * a fulfilled reservation, a write-off, a dispatch, a count that found less) leaves at the average, which stays. A
 * transfer carries the source's average at dispatch to the destination, where it arrives as a receipt at that cost.
 * A receipt without a cost, or in another currency than the product's stock there, adds units at the average.
 * Written with JDBC in the processor's transaction, with its token.
 */
@Component
@ProcessingGroup(StockValueProjection.NAME)
public class StockValueProjection {

    public static final String NAME = "analytics";

    private static final String ADD = "INSERT INTO analytics_stock_value AS s (tenant, location_id, product_id, on_hand, unit_cost, currency) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, location_id, product_id) DO UPDATE SET "
            + "unit_cost = CASE WHEN EXCLUDED.unit_cost IS NULL THEN s.unit_cost "
            + "WHEN s.unit_cost IS NULL OR s.on_hand <= 0 THEN EXCLUDED.unit_cost "
            + "WHEN s.currency IS DISTINCT FROM EXCLUDED.currency THEN s.unit_cost "
            + "ELSE (s.on_hand * s.unit_cost + EXCLUDED.on_hand * EXCLUDED.unit_cost) / (s.on_hand + EXCLUDED.on_hand) END, "
            + "currency = CASE WHEN EXCLUDED.unit_cost IS NOT NULL AND (s.unit_cost IS NULL OR s.on_hand <= 0) THEN EXCLUDED.currency "
            + "ELSE s.currency END, "
            + "on_hand = s.on_hand + EXCLUDED.on_hand";

    private final JdbcTemplate jdbc;

    public StockValueProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A replay from the first event ({@code resetTokens}) starts from empty tables. */
    @ResetHandler
    void reset() {
        new uz.hisob.query.analytics.AnalyticsRebuildTarget(jdbc).truncateActive();
    }

    @EventHandler
    void on(StockReceived e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.batchUpdate(ADD, e.lines().stream().map(l -> new Object[] {tenant, e.locationId(), l.productId(), l.quantity(),
                l.unitCost(), l.unitCost() == null ? null : l.currency()}).toList());
    }

    @EventHandler
    void on(StockTaken e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        leave(tenant, e.locationId(), e.lines());
    }

    @EventHandler
    void on(StockReturned e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        uncosted(tenant, e.locationId(), e.lines(), 1);
    }

    @EventHandler
    void on(ReservationFulfilled e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        leave(tenant, e.locationId(), e.lines());
    }

    @EventHandler
    void on(StockWrittenOff e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        leave(tenant, e.locationId(), e.lines());
    }

    @EventHandler
    void on(StockCounted e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.batchUpdate(ADD, e.lines().stream().filter(l -> l.difference() != 0)
                .map(l -> new Object[] {tenant, e.locationId(), l.productId(), l.difference(), null, null}).toList());
    }

    @EventHandler
    void on(TransferDispatched e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        // the cost the goods leave at travels with them
        jdbc.batchUpdate("INSERT INTO analytics_transfer_cost (tenant, transfer_id, product_id, unit_cost, currency) "
                        + "SELECT ?::varchar, ?::varchar, ?::varchar, s.unit_cost, s.currency FROM (SELECT 1) one LEFT JOIN analytics_stock_value s "
                        + "ON s.tenant = ? AND s.location_id = ? AND s.product_id = ? ON CONFLICT DO NOTHING",
                e.lines().stream().map(l -> new Object[] {tenant, e.transferId(), l.productId(), tenant, e.fromLocationId(), l.productId()})
                        .toList());
        leave(tenant, e.fromLocationId(), e.lines());
    }

    @EventHandler
    void on(TransferArrived e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        for (StockLine l : e.lines()) {
            List<Object[]> cost = jdbc.query("SELECT unit_cost, currency FROM analytics_transfer_cost WHERE tenant = ? AND transfer_id = ? "
                    + "AND product_id = ?", (rs, i) -> new Object[] {rs.getBigDecimal(1), rs.getString(2)}, tenant, e.transferId(), l.productId());
            BigDecimal unitCost = cost.isEmpty() ? null : (BigDecimal) cost.getFirst()[0];
            String currency = cost.isEmpty() ? null : (String) cost.getFirst()[1];
            jdbc.update(ADD, tenant, e.toLocationId(), l.productId(), l.quantity(), unitCost, unitCost == null ? null : currency);
        }
    }

    private void leave(String tenant, String locationId, List<StockLine> lines) {
        uncosted(tenant, locationId, lines, -1);
    }

    private void uncosted(String tenant, String locationId, List<StockLine> lines, int sign) {
        jdbc.batchUpdate(ADD, lines.stream().map(l -> new Object[] {tenant, locationId, l.productId(), sign * l.quantity(), null, null})
                .toList());
    }
}
