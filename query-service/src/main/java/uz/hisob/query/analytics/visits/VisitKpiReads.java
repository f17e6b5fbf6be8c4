package uz.hisob.query.analytics.visits;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.query.analytics.stockvalue.StockValueProjection;
import uz.hisob.query.field.projection.FieldProjection;
import uz.hisob.query.platform.ReadsFrom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/projects/{p}/kpis?from&to&agentId?} (ADMIN, MANAGER, AUDITOR; field-sales.md, "KPIs"): totals, per
 * agent and per day (days in the project's zone), counted from the analytics projection's visit facts; the distance
 * from the agents' tracks. A planned visit counts as planned unless it was cancelled (cancellations are counted
 * apart); {@code compliancePct} = planned visits completed ÷ planned visits × 100 and {@code strikeRatePct} =
 * completed visits with an order ÷ completed visits × 100, rounded half-up to one decimal, null where nothing was
 * planned or completed. {@code orders} and {@code ordersTotal} are the field orders taken in the visits (commerce.md,
 * {@code POST /api/visits/{v}/orders}), as placed ({@code currency} null: the totals of a tenant's price lists, which
 * field orders are priced from, are summed as they are).
 */
@RestController
@ReadsFrom({StockValueProjection.NAME, FieldProjection.NAME})
public class VisitKpiReads {

    /** One line of KPIs. */
    public record Kpis(String agentId, LocalDate date, long planned, long completed, long cancelled, long missed, long unplanned,
                       BigDecimal compliancePct, BigDecimal strikeRatePct, BigDecimal avgMinutesOnSite, long distanceMeters,
                       Map<String, Long> flags, long orders, String ordersTotal, String currency) {
    }

    /** The answer. */
    public record Answer(String projectId, LocalDate from, LocalDate to, Kpis totals, List<Kpis> agents, List<Kpis> days) {
    }

    static final int MAX_DAYS = 366;

    /** What is summed up into a line. */
    private static final class Sum {
        long planned;
        long plannedCompleted;
        long completed;
        long cancelled;
        long missed;
        long unplanned;
        long seconds;
        long struck;
        long orders;
        BigDecimal ordersTotal = BigDecimal.ZERO;
        long distance;
        final Map<String, Long> flags = new TreeMap<>();

        void add(Map<String, Object> row) {
            planned += n(row, "planned");
            plannedCompleted += n(row, "planned_completed");
            completed += n(row, "completed");
            cancelled += n(row, "cancelled");
            missed += n(row, "missed");
            unplanned += n(row, "unplanned");
            seconds += n(row, "seconds");
            struck += n(row, "struck");
            orders += n(row, "orders");
            ordersTotal = ordersTotal.add(row.get("orders_total") == null ? BigDecimal.ZERO : (BigDecimal) row.get("orders_total"));
        }

        Kpis kpis(String agentId, LocalDate date) {
            return new Kpis(agentId, date, planned, completed, cancelled, missed, unplanned, pct(plannedCompleted, planned),
                    pct(struck, completed), completed == 0 ? null : BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(completed * 60L), 1,
                    RoundingMode.HALF_UP), distance, java.util.Collections.unmodifiableMap(new TreeMap<>(flags)), orders,
                    ordersTotal.setScale(2, RoundingMode.HALF_UP).toPlainString(), null);
        }
    }

    private final DatabaseClient db;

    public VisitKpiReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/projects/{projectId}/kpis")
    public Mono<Answer> kpis(@PathVariable String projectId, @RequestParam LocalDate from, @RequestParam LocalDate to,
                             @RequestParam(required = false) String agentId, Caller caller) {
        if (to.isBefore(from)) {
            return Mono.error(ApiException.invalid("to", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            return Mono.error(ApiException.invalid("to", "a range is at most " + MAX_DAYS + " days"));
        }
        String agent = agentId == null ? "" : " AND agent_id = :agent";
        Mono<List<Map<String, Object>>> counts = bind(db.sql("SELECT agent_id, day, "
                + "count(*) FILTER (WHERE NOT unplanned AND status <> 'CANCELLED') AS planned, "
                + "count(*) FILTER (WHERE NOT unplanned AND status = 'COMPLETED') AS planned_completed, "
                + "count(*) FILTER (WHERE status = 'COMPLETED') AS completed, count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled, "
                + "count(*) FILTER (WHERE status = 'MISSED') AS missed, count(*) FILTER (WHERE unplanned) AS unplanned, "
                + "coalesce(sum(duration_seconds) FILTER (WHERE status = 'COMPLETED'), 0) AS seconds, "
                + "count(*) FILTER (WHERE status = 'COMPLETED' AND orders > 0) AS struck, sum(orders) AS orders, sum(orders_total) AS orders_total "
                + "FROM analytics_visit WHERE tenant = :tenant AND project_id = :project AND day BETWEEN :from AND :to" + agent
                + " GROUP BY agent_id, day ORDER BY agent_id, day"), caller, projectId, from, to, agentId).fetch().all().collectList();
        Mono<List<Map<String, Object>>> flags = bind(db.sql("SELECT agent_id, day, flag, count(*) AS n FROM analytics_visit, unnest(flags) AS flag "
                + "WHERE tenant = :tenant AND project_id = :project AND day BETWEEN :from AND :to" + agent
                + " GROUP BY agent_id, day, flag ORDER BY agent_id, day, flag"), caller, projectId, from, to, agentId).fetch().all().collectList();
        Mono<List<Map<String, Object>>> distances = bind(db.sql("SELECT agent_id, day, distance_meters FROM field_agent_day "
                + "WHERE tenant = :tenant AND project_id = :project AND day BETWEEN :from AND :to" + agent
                + " ORDER BY agent_id, day"), caller, projectId, from, to, agentId).fetch().all().collectList();
        Mono<Boolean> exists = db.sql("SELECT 1 FROM field_project WHERE tenant = :tenant AND id = :id").bind("tenant", caller.tenant())
                .bind("id", projectId).map(r -> true).one().defaultIfEmpty(false);
        return exists.flatMap(found -> found ? Mono.zip(counts, flags, distances) : Mono.error(ApiException.notFound("Project")))
                .map(t -> {
                    Sum total = new Sum();
                    Map<String, Sum> byAgent = new TreeMap<>();
                    Map<LocalDate, Sum> byDay = new TreeMap<>();
                    for (Map<String, Object> row : t.getT1()) {
                        total.add(row);
                        byAgent.computeIfAbsent((String) row.get("agent_id"), k -> new Sum()).add(row);
                        byDay.computeIfAbsent((LocalDate) row.get("day"), k -> new Sum()).add(row);
                    }
                    for (Map<String, Object> row : t.getT2()) {
                        String flag = (String) row.get("flag");
                        long n = n(row, "n");
                        total.flags.merge(flag, n, Long::sum);
                        byAgent.computeIfAbsent((String) row.get("agent_id"), k -> new Sum()).flags.merge(flag, n, Long::sum);
                        byDay.computeIfAbsent((LocalDate) row.get("day"), k -> new Sum()).flags.merge(flag, n, Long::sum);
                    }
                    for (Map<String, Object> row : t.getT3()) {
                        long meters = n(row, "distance_meters");
                        total.distance += meters;
                        byAgent.computeIfAbsent((String) row.get("agent_id"), k -> new Sum()).distance += meters;
                        byDay.computeIfAbsent((LocalDate) row.get("day"), k -> new Sum()).distance += meters;
                    }
                    List<Kpis> agents = new ArrayList<>();
                    byAgent.forEach((id, sum) -> agents.add(sum.kpis(id, null)));
                    List<Kpis> days = new ArrayList<>();
                    byDay.forEach((day, sum) -> days.add(sum.kpis(null, day)));
                    return new Answer(projectId, from, to, total.kpis(agentId, null), agents, days);
                });
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Caller caller, String projectId,
                                                          LocalDate from, LocalDate to, String agentId) {
        spec = spec.bind("tenant", caller.tenant()).bind("project", projectId).bind("from", from).bind("to", to);
        return agentId == null ? spec : spec.bind("agent", agentId);
    }

    static BigDecimal pct(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    static long n(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
