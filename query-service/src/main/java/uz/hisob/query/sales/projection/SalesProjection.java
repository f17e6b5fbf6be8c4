package uz.hisob.query.sales.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.sales.OrderCancelled;
import uz.hisob.events.sales.OrderCompleted;
import uz.hisob.events.sales.OrderExpired;
import uz.hisob.events.sales.OrderFulfilled;
import uz.hisob.events.sales.OrderPlaced;
import uz.hisob.events.sales.OrderReReserved;
import uz.hisob.events.sales.PaymentCaptured;
import uz.hisob.events.sales.RefundCompleted;
import uz.hisob.events.sales.RefundRequested;
import uz.hisob.query.inventory.projection.InventoryProjection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The orders read model: an order's row (its lines, allocations, payment and refunds as JSON, as the order shows
 * them) and its history, one row per event. Handlers of the {@code inventory} processor (one stream of events for
 * the stock and the orders that reserve it), written with JDBC in its transaction; every write is keyed by the
 * event's position, so an event handled again changes nothing.
 */
@Component
@ProcessingGroup(InventoryProjection.NAME)
public class SalesProjection {

    /** Money in the JSON columns as the contract writes it: decimal strings at the currency's scale, never numbers. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .withConfigOverride(java.math.BigDecimal.class,
                    o -> o.setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING)))
            .build();

    private final JdbcTemplate jdbc;

    public SalesProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrderPlaced e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        String tenant = tenant(message);
        ObjectNode payment = null;
        if (e.payment() != null) {
            payment = JSON.createObjectNode();
            payment.put("provider", e.payment().provider());
            payment.put("id", e.payment().id());
            payment.put("status", "PENDING");
        }
        jdbc.update("""
                INSERT INTO sales_order (tenant, id, number, status, channel, customer_id, client_id, visit_id, price_list_id, currency,
                    subtotal, discount_total, tax_total, total, tax_included, payment_method, payment, lines, allocations, shipping, note,
                    reserved_until, placed_by, placed_at, updated_at, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""",
                tenant, e.orderId(), e.number(), e.status(), e.channel(), e.customerId(), e.clientId(), e.visitId(), e.priceListId(),
                e.currency(), e.subtotal(), e.discountTotal(), e.taxTotal(), e.total(), e.taxIncluded(), e.paymentMethod(),
                payment == null ? null : JSON.writeValueAsString(payment), JSON.writeValueAsString(e.lines()),
                JSON.writeValueAsString(e.allocations()), e.shipping() == null ? null : JSON.writeValueAsString(e.shipping()), e.note(),
                e.reservedUntil() == null ? null : java.sql.Timestamp.from(e.reservedUntil()), user(message), java.sql.Timestamp.from(at),
                java.sql.Timestamp.from(at), position(token));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("number", e.number());
        data.put("status", e.status());
        data.put("total", e.total().toPlainString());
        data.put("reservedUntil", e.reservedUntil());
        history(tenant, e.orderId(), "ORDER_PLACED", message, at, token, data);
    }

    @EventHandler
    void on(uz.hisob.events.sales.CustomerRegistered e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO sales_customer (tenant, id, email, name, phone, username, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", e.tenant(), e.customerId(), e.email(), e.name(), e.phone(), e.username(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(uz.hisob.events.sales.CartCreated e, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("INSERT INTO sales_cart (tenant, id, customer_id, price_list_id, location_id, status, created_at, position) "
                        + "VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?) ON CONFLICT DO NOTHING",
                e.tenant(), e.cartId(), e.customerId(), e.priceListId(), e.locationId(), java.sql.Timestamp.from(at), position(token));
    }

    @EventHandler
    void on(uz.hisob.events.sales.CartChanged e, EventMessage<?> message, TrackingToken token) {
        jdbc.update("UPDATE sales_cart SET lines = ?::jsonb, currency = ?, subtotal = ?, discount_total = ?, tax_total = ?, total = ?, "
                        + "priced_at = ?, position = ? WHERE tenant = ? AND id = ? AND position < ?",
                JSON.writeValueAsString(e.lines()), e.currency(), e.subtotal(), e.discountTotal(), e.taxTotal(), e.total(),
                java.sql.Timestamp.from(e.pricedAt()), position(token), tenant(message), e.cartId(), position(token));
    }

    @EventHandler
    void on(uz.hisob.events.sales.CartOrdered e, EventMessage<?> message, TrackingToken token) {
        jdbc.update("UPDATE sales_cart SET status = 'ORDERED', order_id = ?, position = ? WHERE tenant = ? AND id = ? AND position < ?",
                e.orderId(), position(token), tenant(message), e.cartId(), position(token));
    }

    @EventHandler
    void on(PaymentCaptured e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        String tenant = tenant(message);
        jdbc.update("""
                UPDATE sales_order SET status = CASE WHEN ? THEN 'CONFIRMED' ELSE status END, reserved_until = CASE WHEN ? THEN NULL ELSE reserved_until END,
                    payment = payment || jsonb_build_object('status', 'CAPTURED', 'captured', ?::text, 'capturedAt', ?::text, 'reportedBy', ?::text),
                    updated_at = ?, position = ?
                WHERE tenant = ? AND id = ? AND position < ?""",
                e.confirmed(), e.confirmed(), e.amount().toPlainString(), at.toString(), e.reportedBy(), java.sql.Timestamp.from(at), position(token),
                tenant, e.orderId(), position(token));
        history(tenant, e.orderId(), "PAYMENT_CAPTURED", message, at, token, Map.of("amount", e.amount().toPlainString(),
                "paymentId", e.paymentId(), "reportedBy", e.reportedBy(), "orderStatus", e.orderStatus()));
    }

    @EventHandler
    void on(OrderExpired e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        status(message, e.orderId(), "EXPIRED", null, at, token, "[]");
        history(tenant(message), e.orderId(), "ORDER_EXPIRED", message, at, token, Map.of("released", e.released()));
    }

    @EventHandler
    void on(OrderReReserved e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        status(message, e.orderId(), "CONFIRMED", null, at, token, JSON.writeValueAsString(e.allocations()));
        history(tenant(message), e.orderId(), "ORDER_RESERVED_AGAIN", message, at, token, Map.of("allocations", e.allocations()));
    }

    @EventHandler
    void on(OrderCancelled e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        status(message, e.orderId(), "CANCELLED", e.reason(), at, token, "[]");
        history(tenant(message), e.orderId(), "ORDER_CANCELLED", message, at, token, Map.of("reason", e.reason(),
                "released", e.released(), "refund", e.refund().toPlainString()));
    }

    @EventHandler
    void on(OrderFulfilled e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        status(message, e.orderId(), "FULFILLED", null, at, token, null);
        history(tenant(message), e.orderId(), "ORDER_FULFILLED", message, at, token, Map.of("allocations", e.allocations()));
    }

    @EventHandler
    void on(OrderCompleted e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        status(message, e.orderId(), "COMPLETED", null, at, token, null);
        history(tenant(message), e.orderId(), "ORDER_COMPLETED", message, at, token, Map.of());
    }

    @EventHandler
    void on(uz.hisob.events.sales.OrderLinesReturned e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        history(tenant(message), e.orderId(), "ORDER_LINES_RETURNED", message, at, token, Map.of("returnId", e.returnId(),
                "lines", e.lines(), "refund", e.refund().toPlainString(), "reason", e.reason(), "restock", e.restock()));
    }

    @EventHandler
    void on(RefundRequested e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        String tenant = tenant(message);
        ObjectNode refund = JSON.createObjectNode();
        refund.put("id", e.refundId());
        refund.put("amount", e.amount().toPlainString());
        refund.put("currency", e.currency());
        refund.put("reason", e.reason());
        refund.put("status", "PENDING");
        refund.put("requestedAt", at.toString());
        jdbc.update("UPDATE sales_order SET refunds = refunds || jsonb_build_array(?::jsonb), updated_at = ?, position = ? "
                        + "WHERE tenant = ? AND id = ? AND position < ?",
                JSON.writeValueAsString(refund), java.sql.Timestamp.from(at), position(token), tenant, e.orderId(), position(token));
        history(tenant, e.orderId(), "REFUND_REQUESTED", message, at, token, Map.of("refundId", e.refundId(),
                "amount", e.amount().toPlainString(), "reason", e.reason()));
    }

    @EventHandler
    void on(RefundCompleted e, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        String tenant = tenant(message);
        jdbc.update("""
                UPDATE sales_order SET refunds = (SELECT jsonb_agg(CASE WHEN r ->> 'id' = ? THEN r || jsonb_build_object('status', 'DONE',
                        'providerRefundId', ?::text, 'doneAt', ?::text) ELSE r END) FROM jsonb_array_elements(refunds) r),
                    updated_at = ?, position = ?
                WHERE tenant = ? AND id = ? AND position < ?""",
                e.refundId(), e.providerRefundId(), at.toString(), java.sql.Timestamp.from(at), position(token), tenant, e.orderId(), position(token));
        history(tenant, e.orderId(), "REFUND_COMPLETED", message, at, token, Map.of("refundId", e.refundId(),
                "providerRefundId", e.providerRefundId()));
    }

    private void status(EventMessage<?> message, String orderId, String status, String reason, Instant at, TrackingToken token,
                        String allocations) {
        jdbc.update("UPDATE sales_order SET status = ?, cancel_reason = COALESCE(?, cancel_reason), reserved_until = NULL, "
                        + "allocations = COALESCE(?::jsonb, allocations), updated_at = ?, position = ? WHERE tenant = ? AND id = ? AND position < ?",
                status, reason, allocations, java.sql.Timestamp.from(at), position(token), tenant(message), orderId, position(token));
    }

    private void history(String tenant, String orderId, String kind, EventMessage<?> message, Instant at, TrackingToken token,
                         Map<String, ?> data) {
        jdbc.update("INSERT INTO sales_order_event (tenant, order_id, position, kind, at, by_user, data) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) "
                        + "ON CONFLICT DO NOTHING",
                tenant, orderId, position(token), kind, java.sql.Timestamp.from(at), user(message), JSON.writeValueAsString(data));
    }

    private static String tenant(EventMessage<?> message) {
        return (String) message.getMetaData().get(EventMetadata.TENANT);
    }

    private static String user(EventMessage<?> message) {
        Object user = message.getMetaData().get(EventMetadata.USER);
        return user == null ? null : user.toString();
    }

    private static long position(TrackingToken token) {
        return token.position().orElse(0L);
    }
}
