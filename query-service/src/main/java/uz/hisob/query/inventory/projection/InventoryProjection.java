package uz.hisob.query.inventory.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.inventory.LocationOpened;
import uz.hisob.events.inventory.LocationUpdated;
import uz.hisob.events.inventory.MinimumsSet;
import uz.hisob.events.inventory.ReservationFulfilled;
import uz.hisob.events.inventory.ReservationReleased;
import uz.hisob.events.inventory.StockCounted;
import uz.hisob.events.inventory.StockLine;
import uz.hisob.events.inventory.StockReceived;
import uz.hisob.events.inventory.StockReserved;
import uz.hisob.events.inventory.StockReturned;
import uz.hisob.events.inventory.StockTaken;
import uz.hisob.events.inventory.StockWrittenOff;
import uz.hisob.events.inventory.TransferArrived;
import uz.hisob.events.inventory.TransferDispatched;
import uz.hisob.events.inventory.TransferReceived;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The inventory read model in PostgreSQL: locations, stock per product and location, and the movements ledger
 * (every movement with its document, who and when). Written with JDBC in the processor's transaction, which also
 * stores its token; the stock row is an upsert that adds the movement's deltas, so the sums of the movements are the
 * stock by construction.
 */
@Component
@ProcessingGroup(InventoryProjection.NAME)
public class InventoryProjection {

    public static final String NAME = "inventory";

    private final JdbcTemplate jdbc;
    /** Whether this instance tells the live stream (the live projection does; a rebuild's does not). */
    private final boolean feed;

    @org.springframework.beans.factory.annotation.Autowired
    public InventoryProjection(JdbcTemplate jdbc) {
        this(jdbc, true);
    }

    InventoryProjection(JdbcTemplate jdbc, boolean feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    /** A replay from the first event ({@code resetTokens}) starts from empty tables. */
    @ResetHandler
    void reset() {
        new InventoryRebuildTarget(jdbc).truncateActive();
    }

    /** One movement of one product, as the ledger records it. */
    private record Movement(String productId, String kind, long quantity, long onHandDelta, long reservedDelta,
                            BigDecimal unitCost, String currency) {
    }

    @EventHandler
    void on(LocationOpened e) {
        jdbc.update("INSERT INTO inventory_location (tenant, id, name, kind, address, timezone) VALUES (?, ?, ?, ?, ?, ?)",
                e.tenant(), e.locationId(), e.name(), e.kind(), e.address(), e.timezone());
    }

    @EventHandler
    void on(LocationUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE inventory_location SET name = ?, address = ? WHERE tenant = ? AND id = ?", e.name(), e.address(), tenant, e.locationId());
    }

    @EventHandler
    void on(StockReceived e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        List<Movement> moves = new ArrayList<>();
        e.lines().forEach(l -> moves.add(new Movement(l.productId(), "RECEIPT", l.quantity(), l.quantity(), 0, l.unitCost(), l.currency())));
        book(tenant, e.locationId(), "RECEIPT", e.receiptId(), moves, at, user, token);
    }

    @EventHandler
    void on(StockWrittenOff e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.locationId(), "WRITE_OFF", e.writeOffId(), lines(e.lines(), "WRITE_OFF", -1, 0), at, user, token);
    }

    @EventHandler
    void on(StockCounted e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            TrackingToken token) {
        List<Movement> moves = new ArrayList<>();
        e.lines().stream().filter(l -> l.difference() != 0).forEach(l ->
                moves.add(new Movement(l.productId(), "COUNT_ADJUSTMENT", Math.abs(l.difference()), l.difference(), 0, null, null)));
        book(tenant, e.locationId(), "COUNT", e.countId(), moves, e.countedAt(), user, token);
    }

    @EventHandler
    void on(StockTaken e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.locationId(), e.documentKind(), e.documentId(), lines(e.lines(), e.documentKind(), -1, 0), at, user, token);
    }

    @EventHandler
    void on(StockReturned e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.locationId(), e.documentKind(), e.documentId(), lines(e.lines(), "RETURN", 1, 0), at, user, token);
    }

    @EventHandler
    void on(StockReserved e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.locationId(), e.documentKind(), e.documentId(), lines(e.lines(), "RESERVATION", 0, 1), at, user, token);
    }

    @EventHandler
    void on(ReservationReleased e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.locationId(), "RESERVATION", e.reservationId(), lines(e.lines(), "RELEASE", 0, -1), at, user, token);
    }

    @EventHandler
    void on(ReservationFulfilled e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        List<Movement> moves = new ArrayList<>();
        e.lines().forEach(l -> moves.add(new Movement(l.productId(), "FULFILMENT", l.quantity(), -l.quantity(), -l.quantity(), null, null)));
        book(tenant, e.locationId(), "RESERVATION", e.reservationId(), moves, at, user, token);
    }

    @EventHandler
    void on(TransferDispatched e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.fromLocationId(), "TRANSFER", e.transferId(), lines(e.lines(), "TRANSFER_OUT", -1, 0), at, user, token);
    }

    @EventHandler
    void on(TransferReceived e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        List<Movement> moves = new ArrayList<>();
        e.lines().stream().filter(l -> l.lost() > 0).forEach(l -> moves.add(new Movement(l.productId(), "LOSS", l.lost(), 0, 0, null, null)));
        book(tenant, e.fromLocationId(), "TRANSFER", e.transferId(), moves, at, user, token);
    }

    @EventHandler
    void on(TransferArrived e, @MetaDataValue(EventMetadata.TENANT) String tenant, @MetaDataValue(EventMetadata.USER) String user,
            @Timestamp Instant at, TrackingToken token) {
        book(tenant, e.toLocationId(), "TRANSFER", e.transferId(), lines(e.lines(), "TRANSFER_IN", 1, 0), at, user, token);
    }

    @EventHandler
    void on(MinimumsSet e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        List<Object[]> rows = new ArrayList<>();
        e.items().forEach(m -> rows.add(new Object[] {tenant, e.locationId(), m.productId(), m.minQuantity()}));
        jdbc.batchUpdate("INSERT INTO inventory_stock (tenant, location_id, product_id, min_quantity) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (tenant, location_id, product_id) DO UPDATE SET min_quantity = EXCLUDED.min_quantity", rows);
        alerts(tenant, e.locationId(), e.items().stream().map(MinimumsSet.Minimum::productId).toList(), at);
    }

    /**
     * Low-stock alerts of the products whose stock or minimum just changed, as in the kitchen: one opens when the
     * available quantity falls below a minimum above zero, follows the quantity while open, and is cleared (kept, with
     * {@code cleared_at}) when the product is back at or above its minimum.
     */
    private void alerts(String tenant, String locationId, List<String> productIds, Instant at) {
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> timedKeys = new ArrayList<>();
        for (String productId : new java.util.LinkedHashSet<>(productIds)) {
            keys.add(new Object[] {tenant, locationId, productId});
            timedKeys.add(new Object[] {when, tenant, locationId, productId});
        }
        String low = "s.min_quantity > 0 AND s.on_hand - s.reserved < s.min_quantity";
        jdbc.batchUpdate("UPDATE inventory_alert a SET cleared_at = ?, available = s.on_hand - s.reserved, min_quantity = s.min_quantity "
                + "FROM inventory_stock s WHERE s.tenant = a.tenant AND s.location_id = a.location_id AND s.product_id = a.product_id "
                + "AND a.cleared_at IS NULL AND a.tenant = ? AND a.location_id = ? AND a.product_id = ? AND NOT (" + low + ")", timedKeys);
        jdbc.batchUpdate("UPDATE inventory_alert a SET available = s.on_hand - s.reserved, min_quantity = s.min_quantity "
                + "FROM inventory_stock s WHERE s.tenant = a.tenant AND s.location_id = a.location_id AND s.product_id = a.product_id "
                + "AND a.cleared_at IS NULL AND a.tenant = ? AND a.location_id = ? AND a.product_id = ? AND " + low, keys);
        jdbc.batchUpdate("INSERT INTO inventory_alert (tenant, location_id, product_id, available, min_quantity, since) "
                + "SELECT s.tenant, s.location_id, s.product_id, s.on_hand - s.reserved, s.min_quantity, ? FROM inventory_stock s "
                + "WHERE s.tenant = ? AND s.location_id = ? AND s.product_id = ? AND " + low + " AND NOT EXISTS (SELECT 1 FROM inventory_alert a "
                + "WHERE a.tenant = s.tenant AND a.location_id = s.location_id AND a.product_id = s.product_id AND a.cleared_at IS NULL)", timedKeys);

        changes(keys, timedKeys);
    }

    /**
     * The feed of the live stream: each product's stock as it now stands ({@code stock}), and its alert when one is
     * open or was just cleared ({@code alert}), in the shapes of the stock and alert reads.
     */
    private void changes(List<Object[]> keys, List<Object[]> timedKeys) {
        // what a rebuild or a replay applies again, the stream's clients were told when it happened
        if (!feed || (CurrentUnitOfWork.isStarted() && ReplayToken.isReplay(CurrentUnitOfWork.get().getMessage()))) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO inventory_change (tenant, location_id, kind, data) SELECT tenant, location_id, 'stock', "
                + "json_build_object('productId', product_id, 'locationId', location_id, 'onHand', on_hand, 'reserved', reserved, "
                + "'available', on_hand - reserved, 'minQuantity', min_quantity, "
                + "'belowMinimum', min_quantity > 0 AND on_hand - reserved < min_quantity)::text "
                + "FROM inventory_stock WHERE tenant = ? AND location_id = ? AND product_id = ?", keys);
        jdbc.batchUpdate("INSERT INTO inventory_change (tenant, location_id, kind, data) SELECT tenant, location_id, 'alert', "
                + "json_build_object('productId', product_id, 'locationId', location_id, 'available', available, "
                + "'minQuantity', min_quantity, 'since', " + iso("since") + ", 'clearedAt', " + iso("cleared_at") + ")::text "
                + "FROM inventory_alert WHERE (cleared_at IS NULL OR cleared_at = ?) AND tenant = ? AND location_id = ? AND product_id = ?",
                timedKeys);
    }

    private static String iso(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    private static List<Movement> lines(List<StockLine> lines, String kind, int onHandSign, int reservedSign) {
        List<Movement> moves = new ArrayList<>();
        lines.forEach(l -> moves.add(new Movement(l.productId(), kind, l.quantity(), onHandSign * l.quantity(), reservedSign * l.quantity(), null, null)));
        return moves;
    }

    /** The movements as ledger rows, and their deltas added to the stock rows. */
    private void book(String tenant, String locationId, String documentKind, String documentId, List<Movement> moves, Instant at,
                      String user, TrackingToken token) {
        if (moves.isEmpty()) {
            return;
        }
        long position = token == null ? -1 : token.position().orElse(-1);
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        List<Object[]> ledger = new ArrayList<>();
        List<Object[]> stock = new ArrayList<>();
        for (Movement m : moves) {
            ledger.add(new Object[] {tenant, locationId, m.productId(), m.kind(), m.quantity(), m.onHandDelta(), m.reservedDelta(),
                documentKind, documentId, when, user == null ? "unknown" : user, m.unitCost(), m.currency(), position});
            if (m.onHandDelta() != 0 || m.reservedDelta() != 0) {
                stock.add(new Object[] {tenant, locationId, m.productId(), m.onHandDelta(), m.reservedDelta()});
            }
        }
        jdbc.batchUpdate("INSERT INTO inventory_movement (tenant, location_id, product_id, kind, quantity, on_hand_delta, reserved_delta, "
                + "document_kind, document_id, at, recorded_by, unit_cost, currency, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ledger);
        if (!stock.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO inventory_stock (tenant, location_id, product_id, on_hand, reserved) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (tenant, location_id, product_id) DO UPDATE SET on_hand = inventory_stock.on_hand + EXCLUDED.on_hand, "
                    + "reserved = inventory_stock.reserved + EXCLUDED.reserved", stock);
            alerts(tenant, locationId, stock.stream().map(r -> (String) r[2]).toList(), at);
        }
    }
}
