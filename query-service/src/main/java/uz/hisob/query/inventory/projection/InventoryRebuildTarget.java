package uz.hisob.query.inventory.projection;

import uz.hisob.query.sales.projection.SalesProjection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/** Generations of the inventory read model (V15, V22: with the orders): schemas {@code inventory_rm_<n>} behind views in {@code public}. */
@Component
public class InventoryRebuildTarget extends SchemaGenerations {

    public InventoryRebuildTarget(JdbcTemplate jdbc) {
        super(jdbc, InventoryProjection.NAME, "inventory",
                List.of("inventory_location", "inventory_stock", "inventory_movement", "inventory_alert",
                "sales_order", "sales_order_event", "sales_customer", "sales_cart"), Set.of("inventory_movement", "sales_order_event"));
    }

    /** The handlers writing into the new generation, and silent towards the live stream (its clients saw it all). */
    @Override
    public Object handler(int generation) {
        return new InventoryProjection(jdbc, false);
    }

    /** The stock's handlers and the orders' ({@link SalesProjection}): one stream of events for both. */
    @Override
    public List<Object> handlers(int generation) {
        return List.of(new InventoryProjection(jdbc, false), new SalesProjection(jdbc),
                new uz.hisob.query.onec.projection.OnecOrderProjection(jdbc));
    }
}
