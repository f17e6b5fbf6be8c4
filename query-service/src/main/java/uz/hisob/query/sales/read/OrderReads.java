package uz.hisob.query.sales.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.sales.SalesRoles;
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
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Orders (commerce.md "Carts and orders"): the list, newest first, with its filters, and one order with its lines,
 * totals, payment, refunds, allocations and history. A CUSTOMER sees only its own orders: another's is 404, as an
 * order that does not exist.
 */
@RestController
@ReadsFrom(InventoryProjection.NAME)
public class OrderReads {

    static final Set<String> STATUSES = Set.of("PENDING_PAYMENT", "CONFIRMED", "FULFILLED", "COMPLETED", "EXPIRED", "CANCELLED");
    static final Set<String> CHANNELS = Set.of("ONLINE", "FIELD");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An order in a list. */
    public record OrderSummary(String id, long number, String status, String channel, String customerId, String clientId,
                               String currency, String total, Instant placedAt, Instant reservedUntil, long position) {
    }

    /** One order, whole; {@code onec} is its way to 1C (onec.md), null for an order that does not go there. */
    public record OrderView(String id, long number, String status, String channel, String customerId, String clientId,
                            String visitId, String priceListId, String currency, boolean taxIncluded, JsonNode lines,
                            String subtotal, String discountTotal, String taxTotal, String total, String paymentMethod,
                            JsonNode payment, JsonNode refunds, JsonNode allocations, JsonNode shipping, String note, JsonNode onec,
                            Instant reservedUntil, String cancelReason, String placedBy, Instant placedAt, Instant updatedAt,
                            List<HistoryEntry> history, long position) {
    }

    /** One event of an order's history. */
    public record HistoryEntry(String kind, Instant at, String by, JsonNode data, long position) {
    }

    private final DatabaseClient db;

    public OrderReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/orders")
    public Mono<Page<OrderSummary>> orders(Caller caller, PageRequest page, @RequestParam(required = false) String customerId,
                                           @RequestParam(required = false) String clientId,
                                           @RequestParam(required = false) String status,
                                           @RequestParam(required = false) String channel,
                                           @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        if (status != null && !STATUSES.contains(status)) {
            return Mono.error(ApiException.invalid("status", "must be one of " + String.join(", ", new java.util.TreeSet<>(STATUSES))));
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            return Mono.error(ApiException.invalid("channel", "must be ONLINE or FIELD"));
        }
        String customer = onlyCustomer(caller) ? customerOf(caller) : customerId;
        StringBuilder where = new StringBuilder("tenant = :tenant");
        if (customer != null) {
            where.append(" AND customer_id = :customer");
        }
        if (clientId != null) {
            where.append(" AND client_id = :client");
        }
        if (status != null) {
            where.append(" AND status = :status");
        }
        if (channel != null) {
            where.append(" AND channel = :channel");
        }
        if (from != null) {
            where.append(" AND placed_at >= :from");
        }
        if (to != null) {
            where.append(" AND placed_at < :to");
        }
        DatabaseClient.GenericExecuteSpec items = bind(db.sql("SELECT id, number, status, channel, customer_id, client_id, currency, total, "
                        + "placed_at, reserved_until, position FROM sales_order WHERE " + where
                        + " ORDER BY placed_at DESC, id LIMIT :limit OFFSET :offset"), caller, customer, clientId, status, channel, from, to)
                .bind("limit", page.size()).bind("offset", page.offset());
        DatabaseClient.GenericExecuteSpec count = bind(db.sql("SELECT count(*) FROM sales_order WHERE " + where), caller, customer,
                clientId, status, channel, from, to);
        return Mono.zip(items.map(OrderReads::summary).all().collectList(), count.map(row -> row.get(0, Long.class)).one())
                .map(t -> Page.of(t.getT1(), page, t.getT2()));
    }

    @GetMapping("/api/orders/{orderId}")
    public Mono<OrderView> order(@PathVariable String orderId, Caller caller) {
        Mono<List<HistoryEntry>> history = db.sql("SELECT kind, at, by_user, data::text AS data, position FROM sales_order_event "
                        + "WHERE tenant = :tenant AND order_id = :id ORDER BY position")
                .bind("tenant", caller.tenant()).bind("id", orderId)
                .map(row -> new HistoryEntry(row.get("kind", String.class), instant(row, "at"), row.get("by_user", String.class),
                        json(row, "data"), row.get("position", Long.class)))
                .all().collectList();
        return db.sql("SELECT id, number, status, channel, customer_id, client_id, visit_id, price_list_id, currency, tax_included, "
                        + "lines::text AS lines, subtotal, discount_total, tax_total, total, payment_method, payment::text AS payment, "
                        + "refunds::text AS refunds, allocations::text AS allocations, shipping::text AS shipping, note, onec::text AS onec, reserved_until, "
                        + "cancel_reason, placed_by, placed_at, updated_at, position FROM sales_order WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", orderId)
                .map(OrderReads::rowView)
                .one()
                .filter(row -> !onlyCustomer(caller) || customerOf(caller).equals(row.view().customerId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Order")))
                .zipWith(history, (view, h) -> view.withHistory(h))
                .map(RowView::view);
    }

    /** A row read in the driver's callback, completed with its history later. */
    private record RowView(OrderView view) {
        RowView withHistory(List<HistoryEntry> history) {
            OrderView v = view;
            return new RowView(new OrderView(v.id(), v.number(), v.status(), v.channel(), v.customerId(), v.clientId(), v.visitId(),
                    v.priceListId(), v.currency(), v.taxIncluded(), v.lines(), v.subtotal(), v.discountTotal(), v.taxTotal(), v.total(),
                    v.paymentMethod(), v.payment(), v.refunds(), v.allocations(), v.shipping(), v.note(), v.onec(), v.reservedUntil(),
                    v.cancelReason(), v.placedBy(), v.placedAt(), v.updatedAt(), history, v.position()));
        }
    }

    private static RowView rowView(Readable row) {
        String currency = row.get("currency", String.class);
        return new RowView(new OrderView(row.get("id", String.class), row.get("number", Long.class), row.get("status", String.class),
                row.get("channel", String.class), row.get("customer_id", String.class), row.get("client_id", String.class),
                row.get("visit_id", String.class), row.get("price_list_id", String.class), currency,
                Boolean.TRUE.equals(row.get("tax_included", Boolean.class)), json(row, "lines"), money(row, "subtotal", currency),
                money(row, "discount_total", currency), money(row, "tax_total", currency), money(row, "total", currency),
                row.get("payment_method", String.class), json(row, "payment"), json(row, "refunds"), json(row, "allocations"),
                json(row, "shipping"), row.get("note", String.class), json(row, "onec"), instant(row, "reserved_until"), row.get("cancel_reason", String.class),
                row.get("placed_by", String.class), instant(row, "placed_at"), instant(row, "updated_at"), List.of(),
                row.get("position", Long.class)));
    }

    private static OrderSummary summary(Readable row) {
        String currency = row.get("currency", String.class);
        return new OrderSummary(row.get("id", String.class), row.get("number", Long.class), row.get("status", String.class),
                row.get("channel", String.class), row.get("customer_id", String.class), row.get("client_id", String.class), currency,
                money(row, "total", currency), instant(row, "placed_at"), instant(row, "reserved_until"), row.get("position", Long.class));
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Caller caller, String customer,
                                                          String clientId, String status, String channel, Instant from, Instant to) {
        spec = spec.bind("tenant", caller.tenant());
        if (customer != null) {
            spec = spec.bind("customer", customer);
        }
        if (clientId != null) {
            spec = spec.bind("client", clientId);
        }
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (channel != null) {
            spec = spec.bind("channel", channel);
        }
        if (from != null) {
            spec = spec.bind("from", from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            spec = spec.bind("to", to.atOffset(ZoneOffset.UTC));
        }
        return spec;
    }

    /** A customer's id: its token's {@code customer} claim, else its username (as the command side decides it). */
    public static String customerOf(Caller caller) {
        String claimed = caller.scope("customer");
        return claimed != null ? claimed : caller.username();
    }

    static boolean onlyCustomer(Caller caller) {
        return caller.hasRole(SalesRoles.CUSTOMER) && caller.roles().size() == 1;
    }

    private static String money(Readable row, String column, String currency) {
        BigDecimal value = row.get(column, BigDecimal.class);
        return value == null ? null : value.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime t = row.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static JsonNode json(Readable row, String column) {
        String value = row.get(column, String.class);
        return value == null ? null : JSON.readTree(value);
    }
}
