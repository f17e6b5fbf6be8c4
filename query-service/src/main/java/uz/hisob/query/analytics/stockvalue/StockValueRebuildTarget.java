package uz.hisob.query.analytics.stockvalue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/** Generations of the analytics read model (V15): schemas {@code analytics_rm_<n>} behind views in {@code public}. */
@Component
public class StockValueRebuildTarget extends SchemaGenerations {

    public StockValueRebuildTarget(JdbcTemplate jdbc) {
        super(jdbc, StockValueProjection.NAME, "analytics", List.of("analytics_stock_value", "analytics_transfer_cost"), Set.of());
    }

    @Override
    public Object handler(int generation) {
        return new StockValueProjection(jdbc);
    }
}
