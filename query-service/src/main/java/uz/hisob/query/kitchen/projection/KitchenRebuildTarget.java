package uz.hisob.query.kitchen.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/** Generations of the kitchen read model (V7): schemas {@code kitchen_rm_<n>} behind views in {@code public}. */
@Component
class KitchenRebuildTarget extends SchemaGenerations {

    static final List<String> TABLES = List.of("kitchen", "kitchen_ingredient", "kitchen_meal", "kitchen_stock_movement",
            "kitchen_serving", "kitchen_alert");
    /** The tables that grow with every event: written without keys and indexes during a rebuild, indexed once at its end. */
    static final Set<String> BULK = Set.of("kitchen_stock_movement", "kitchen_serving");

    private final KitchenProjection projection;

    KitchenRebuildTarget(JdbcTemplate jdbc, KitchenProjection projection) {
        super(jdbc, KitchenProjection.NAME, "kitchen", TABLES, BULK);
        this.projection = projection;
    }

    /** The schema of a generation (the projection's reset empties the active one's tables). */
    static String schemaOf(int generation) {
        return "kitchen_rm_" + generation;
    }

    @Override
    public Object handler(int generation) {
        return projection.forRebuild();
    }
}
