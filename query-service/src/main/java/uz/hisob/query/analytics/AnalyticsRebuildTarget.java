package uz.hisob.query.analytics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.query.analytics.stockvalue.StockValueProjection;
import uz.hisob.query.analytics.visits.VisitKpiProjection;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/**
 * Generations of the analytics read model (V15, V19): schemas {@code analytics_rm_<n>} behind views in
 * {@code public}, written by one processor ({@code analytics}) whose handlers are the stock value's and the visit
 * KPIs': one stream of events for every analytics projection.
 */
@Component
public class AnalyticsRebuildTarget extends SchemaGenerations {

    public AnalyticsRebuildTarget(JdbcTemplate jdbc) {
        super(jdbc, StockValueProjection.NAME, "analytics", List.of("analytics_stock_value", "analytics_transfer_cost",
                "analytics_project", "analytics_visit"), Set.of());
    }

    @Override
    public Object handler(int generation) {
        return new StockValueProjection(jdbc);
    }

    @Override
    public List<Object> handlers(int generation) {
        return List.of(new StockValueProjection(jdbc), new VisitKpiProjection(jdbc));
    }
}
