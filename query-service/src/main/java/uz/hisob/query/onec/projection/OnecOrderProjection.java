package uz.hisob.query.onec.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.onec.OnecOrderAttemptFailed;
import uz.hisob.events.onec.OnecOrderQueued;
import uz.hisob.events.onec.OnecOrderRefused;
import uz.hisob.events.onec.OnecOrderResent;
import uz.hisob.events.onec.OnecOrderSent;
import uz.hisob.events.onec.OnecOrderStatusChanged;
import uz.hisob.query.inventory.projection.InventoryProjection;

/**
 * An order's way to 1C as {@code GET /api/orders/{o}} shows it ({@code sales_order.onec}, onec.md): {@code status}
 * {@code PENDING|SENT|FAILED}, 1C's {@code number}, {@code attempts}, {@code lastError}, and 1C's own status of it
 * ({@code onecStatus}). In the inventory processor, beside the orders (an order's events come before its way to 1C's).
 */
@Component
@ProcessingGroup(InventoryProjection.NAME)
public class OnecOrderProjection {

    private final JdbcTemplate jdbc;

    public OnecOrderProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OnecOrderQueued e) {
        jdbc.update("UPDATE sales_order SET onec = jsonb_build_object('status', 'PENDING', 'attempts', 0) WHERE tenant = ? AND id = ?",
                e.tenant(), e.orderId());
    }

    @EventHandler
    void on(OnecOrderSent e) {
        jdbc.update("""
                UPDATE sales_order SET onec = coalesce(onec, '{}'::jsonb) - 'lastError' || jsonb_build_object('status', 'SENT', 'number', ?::text,
                    'attempts', ?::int, 'onecStatus', ?::text, 'sentAt', ?::text) WHERE tenant = ? AND id = ?""",
                e.number(), e.attempts(), e.status(), e.at().toString(), e.tenant(), e.orderId());
    }

    @EventHandler
    void on(OnecOrderAttemptFailed e) {
        jdbc.update("""
                UPDATE sales_order SET onec = coalesce(onec, '{}'::jsonb) || jsonb_build_object('status', 'PENDING', 'attempts', ?::int,
                    'lastError', ?::text, 'nextAttemptAt', ?::text) WHERE tenant = ? AND id = ?""",
                e.attempts(), e.error(), e.nextAttemptAt().toString(), e.tenant(), e.orderId());
    }

    @EventHandler
    void on(OnecOrderRefused e) {
        jdbc.update("""
                UPDATE sales_order SET onec = coalesce(onec, '{}'::jsonb) - 'nextAttemptAt' || jsonb_build_object('status', 'FAILED',
                    'attempts', ?::int, 'lastError', ?::text) WHERE tenant = ? AND id = ?""", e.attempts(), e.error(), e.tenant(), e.orderId());
    }

    @EventHandler
    void on(OnecOrderResent e) {
        jdbc.update("UPDATE sales_order SET onec = coalesce(onec, '{}'::jsonb) || jsonb_build_object('status', 'PENDING') WHERE tenant = ? AND id = ?",
                e.tenant(), e.orderId());
    }

    @EventHandler
    void on(OnecOrderStatusChanged e) {
        jdbc.update("""
                UPDATE sales_order SET onec = coalesce(onec, '{}'::jsonb) - 'nextAttemptAt' || jsonb_build_object('status', 'SENT',
                    'number', ?::text, 'onecStatus', ?::text, 'onecStatusAt', ?::text) WHERE tenant = ? AND id = ?""",
                e.number(), e.status(), e.changedAt() == null ? null : e.changedAt().toString(), e.tenant(), e.orderId());
    }
}
