package uz.hisob.query.inventory.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.inventory.projection.InventoryProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The inventory's reads (commerce.md, "Stock"), reactive end to end, always confined to the caller's tenant. */
@RestController
@ReadsFrom(InventoryProjection.NAME)
public class InventoryReads {

    static final Set<String> KINDS = Set.of("RECEIPT", "SALE", "RETURN", "RESERVATION", "RELEASE", "FULFILMENT", "TRANSFER_OUT",
            "TRANSFER_IN", "LOSS", "WRITE_OFF", "COUNT_ADJUSTMENT");

    /** A location. */
    public record LocationView(String id, String name, String kind, String address, String timezone) {
    }

    /** A product's stock at a location. */
    public record StockItem(String productId, String locationId, long onHand, long reserved, long available, long minQuantity,
                            boolean belowMinimum) {
        static StockItem of(String productId, String locationId, long onHand, long reserved, long minQuantity) {
            long available = onHand - reserved;
            return new StockItem(productId, locationId, onHand, reserved, available, minQuantity, minQuantity > 0 && available < minQuantity);
        }
    }

    /** The document a movement belongs to. */
    public record Document(String kind, String id) {
    }

    /** One movement of the ledger. */
    public record MovementView(String locationId, String productId, String kind, long quantity, long onHandDelta, long reservedDelta,
                               Document document, Instant at, String recordedBy, String unitCost, String currency, long position) {
    }

    /** A low-stock alert of a product at a location; {@code clearedAt} null while it is active. */
    public record AlertView(String productId, String locationId, long available, long minQuantity, Instant since, Instant clearedAt) {
    }

    private final DatabaseClient db;

    public InventoryReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/inventory/locations")
    public Mono<Page<LocationView>> locations(Caller caller, PageRequest page) {
        Mono<Long> total = db.sql("SELECT count(*) FROM inventory_location WHERE tenant = :tenant")
                .bind("tenant", caller.tenant()).map(row -> row.get(0, Long.class)).one();
        Mono<List<LocationView>> items = db.sql("SELECT id, name, kind, address, timezone FROM inventory_location WHERE tenant = :tenant "
                        + "ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("tenant", caller.tenant()).bind("limit", page.size()).bind("offset", page.offset())
                .map(InventoryReads::location).all().collectList();
        return Mono.zip(items, total).map(t -> Page.of(t.getT1(), page, t.getT2()));
    }

    @GetMapping("/api/inventory/locations/{locationId}")
    public Mono<LocationView> location(@PathVariable String locationId, Caller caller) {
        return db.sql("SELECT id, name, kind, address, timezone FROM inventory_location WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", locationId).map(InventoryReads::location).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Location")));
    }

    private static LocationView location(Readable row) {
        return new LocationView(row.get("id", String.class), row.get("name", String.class), row.get("kind", String.class),
                row.get("address", String.class), row.get("timezone", String.class));
    }

    /**
     * Stock by location and product, now or as it stood at {@code asOf} (the sum of the movements up to then);
     * {@code belowMinimum=true} keeps the products whose available quantity is below their minimum.
     */
    @GetMapping("/api/inventory/stock")
    public Mono<Page<StockItem>> stock(Caller caller, PageRequest page, @RequestParam(required = false) String locationId,
                                       @RequestParam(required = false) String productId,
                                       @RequestParam(required = false) Boolean belowMinimum,
                                       @RequestParam(required = false) Instant asOf) {
        String source = asOf == null
                ? "SELECT location_id, product_id, on_hand, reserved, min_quantity FROM inventory_stock WHERE tenant = :tenant"
                : "SELECT m.location_id, m.product_id, sum(m.on_hand_delta) AS on_hand, sum(m.reserved_delta) AS reserved, "
                + "COALESCE((SELECT s.min_quantity FROM inventory_stock s WHERE s.tenant = m.tenant AND s.location_id = m.location_id "
                + "AND s.product_id = m.product_id), 0) AS min_quantity FROM inventory_movement m WHERE m.tenant = :tenant AND m.at <= :asOf "
                + (locationId == null ? "" : "AND m.location_id = :location ") + (productId == null ? "" : "AND m.product_id = :product ")
                + "GROUP BY m.tenant, m.location_id, m.product_id";
        StringBuilder where = new StringBuilder(" WHERE true");
        if (asOf == null && locationId != null) {
            where.append(" AND location_id = :location");
        }
        if (asOf == null && productId != null) {
            where.append(" AND product_id = :product");
        }
        if (Boolean.TRUE.equals(belowMinimum)) {
            where.append(" AND min_quantity > 0 AND on_hand - reserved < min_quantity");
        } else if (Boolean.FALSE.equals(belowMinimum)) {
            where.append(" AND NOT (min_quantity > 0 AND on_hand - reserved < min_quantity)");
        }
        String sql = "SELECT location_id, product_id, on_hand, reserved, min_quantity, count(*) OVER () AS total FROM (" + source + ") s"
                + where + " ORDER BY location_id, product_id LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec spec = bindFilters(db.sql(sql), caller, productId, locationId, null, null, null)
                .bind("limit", page.size()).bind("offset", page.offset());
        if (asOf != null) {
            spec = spec.bind("asOf", asOf.atOffset(ZoneOffset.UTC));
        }
        return spec.map(row -> Map.entry(StockItem.of(row.get("product_id", String.class), row.get("location_id", String.class),
                        ((Number) row.get("on_hand")).longValue(), ((Number) row.get("reserved")).longValue(),
                        ((Number) row.get("min_quantity")).longValue()), ((Number) row.get("total")).longValue()))
                .all().collectList()
                .flatMap(rows -> rows.isEmpty() && page.page() > 0 ? total(caller, page, source, where.toString(), locationId, productId, asOf)
                        .map(t -> Page.<StockItem>of(List.of(), page, t))
                        : Mono.just(Page.of(rows.stream().map(Map.Entry::getKey).toList(), page, rows.isEmpty() ? 0 : rows.getFirst().getValue())));
    }

    /** The count alone, for a page beyond the last (the window's count comes with the rows otherwise). */
    private Mono<Long> total(Caller caller, PageRequest page, String source, String where, String locationId, String productId, Instant asOf) {
        DatabaseClient.GenericExecuteSpec spec = bindFilters(db.sql("SELECT count(*) FROM (" + source + ") s" + where), caller, productId,
                locationId, null, null, null);
        if (asOf != null) {
            spec = spec.bind("asOf", asOf.atOffset(ZoneOffset.UTC));
        }
        return spec.map(row -> row.get(0, Long.class)).one();
    }

    /** Low-stock alerts, newest first; {@code active=true} only those not cleared. */
    @GetMapping("/api/inventory/alerts")
    public Mono<Page<AlertView>> alerts(Caller caller, PageRequest page, @RequestParam(required = false) Boolean active,
                                        @RequestParam(required = false) String locationId, @RequestParam(required = false) String productId) {
        String where = " WHERE tenant = :tenant" + (Boolean.TRUE.equals(active) ? " AND cleared_at IS NULL" : "")
                + (Boolean.FALSE.equals(active) ? " AND cleared_at IS NOT NULL" : "")
                + (locationId == null ? "" : " AND location_id = :location") + (productId == null ? "" : " AND product_id = :product");
        DatabaseClient.GenericExecuteSpec items = bindFilters(db.sql("SELECT product_id, location_id, available, min_quantity, since, cleared_at "
                + "FROM inventory_alert" + where + " ORDER BY since DESC, location_id, product_id LIMIT :limit OFFSET :offset"),
                caller, productId, locationId, null, null, null).bind("limit", page.size()).bind("offset", page.offset());
        Mono<Long> total = bindFilters(db.sql("SELECT count(*) FROM inventory_alert" + where), caller, productId, locationId, null, null, null)
                .map(row -> row.get(0, Long.class)).one();
        return Mono.zip(items.map(row -> {
            OffsetDateTime cleared = row.get("cleared_at", OffsetDateTime.class);
            return new AlertView(row.get("product_id", String.class), row.get("location_id", String.class), row.get("available", Long.class),
                    row.get("min_quantity", Long.class), row.get("since", OffsetDateTime.class).toInstant(),
                    cleared == null ? null : cleared.toInstant());
        }).all().collectList(), total).map(t -> Page.of(t.getT1(), page, t.getT2()));
    }

    /** Every movement, newest first, with its document, who and when; filters combine. */
    @GetMapping("/api/inventory/movements")
    public Mono<Page<MovementView>> movements(Caller caller, PageRequest page, @RequestParam(required = false) String productId,
                                             @RequestParam(required = false) String locationId, @RequestParam(required = false) String kind,
                                             @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        if (kind != null && !KINDS.contains(kind)) {
            return Mono.error(ApiException.invalid("kind", "must be one of " + new java.util.TreeSet<>(KINDS)));
        }
        if (from != null && to != null && from.isAfter(to)) {
            return Mono.error(ApiException.invalid("from", "must not be after to"));
        }
        StringBuilder where = new StringBuilder(" WHERE tenant = :tenant");
        if (productId != null) {
            where.append(" AND product_id = :product");
        }
        if (locationId != null) {
            where.append(" AND location_id = :location");
        }
        if (kind != null) {
            where.append(" AND kind = :kind");
        }
        if (from != null) {
            where.append(" AND at >= :from");
        }
        if (to != null) {
            where.append(" AND at < :to");
        }
        String sql = "SELECT location_id, product_id, kind, quantity, on_hand_delta, reserved_delta, document_kind, document_id, at, "
                + "recorded_by, unit_cost, currency, position, count(*) OVER () AS total FROM inventory_movement" + where
                + " ORDER BY at DESC, seq DESC LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec spec = bindFilters(db.sql(sql), caller, productId, locationId, kind, from, to)
                .bind("limit", page.size()).bind("offset", page.offset());
        return spec.map(row -> Map.entry(movement(row), ((Number) row.get("total")).longValue())).all().collectList()
                .flatMap(rows -> rows.isEmpty() && page.page() > 0
                        ? bindFilters(db.sql("SELECT count(*) FROM inventory_movement" + where), caller, productId, locationId, kind, from, to)
                                .map(row -> row.get(0, Long.class)).one().map(t -> Page.<MovementView>of(List.of(), page, t))
                        : Mono.just(Page.of(rows.stream().map(Map.Entry::getKey).toList(), page, rows.isEmpty() ? 0 : rows.getFirst().getValue())));
    }

    private static DatabaseClient.GenericExecuteSpec bindFilters(DatabaseClient.GenericExecuteSpec spec, Caller caller, String productId,
                                                                 String locationId, String kind, Instant from, Instant to) {
        spec = spec.bind("tenant", caller.tenant());
        if (productId != null) {
            spec = spec.bind("product", productId);
        }
        if (locationId != null) {
            spec = spec.bind("location", locationId);
        }
        if (kind != null) {
            spec = spec.bind("kind", kind);
        }
        if (from != null) {
            spec = spec.bind("from", from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            spec = spec.bind("to", to.atOffset(ZoneOffset.UTC));
        }
        return spec;
    }

    private static MovementView movement(Readable row) {
        BigDecimal cost = row.get("unit_cost", BigDecimal.class);
        return new MovementView(row.get("location_id", String.class), row.get("product_id", String.class), row.get("kind", String.class),
                row.get("quantity", Long.class), row.get("on_hand_delta", Long.class), row.get("reserved_delta", Long.class),
                new Document(row.get("document_kind", String.class), row.get("document_id", String.class)),
                row.get("at", OffsetDateTime.class).toInstant(), row.get("recorded_by", String.class),
                cost == null ? null : cost.toPlainString(), row.get("currency", String.class), row.get("position", Long.class));
    }
}
