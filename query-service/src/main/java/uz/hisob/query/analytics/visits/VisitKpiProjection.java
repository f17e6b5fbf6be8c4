package uz.hisob.query.analytics.visits;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.field.ProjectCreated;
import uz.hisob.events.field.ProjectUpdated;
import uz.hisob.events.field.VisitCancelled;
import uz.hisob.events.field.VisitCheckedIn;
import uz.hisob.events.field.VisitCheckedOut;
import uz.hisob.events.field.VisitMissed;
import uz.hisob.events.field.VisitPlanned;
import uz.hisob.events.field.VisitRescheduled;
import uz.hisob.query.analytics.AnalyticsRebuildTarget;
import uz.hisob.query.analytics.stockvalue.StockValueProjection;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The facts field-sales KPIs are counted from (field-sales.md, "KPIs"): one row per visit with its day in the
 * project's zone, whether it was planned, its status, its time on site, its flags and the orders taken in it. Part of
 * the analytics processor, whose other handlers are the stock value's: rebuilt with it, into the same generation.
 */
@Component
@ProcessingGroup(StockValueProjection.NAME)
public class VisitKpiProjection {

    private final JdbcTemplate jdbc;

    public VisitKpiProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        new AnalyticsRebuildTarget(jdbc).truncateActive();
    }

    /** An order taken in a visit (a field order) counts for the visit: its strike and its amount. */
    @EventHandler
    void on(uz.hisob.events.sales.OrderPlaced e) {
        if (e.visitId() != null) {
            jdbc.update("UPDATE analytics_visit SET orders = orders + 1, orders_total = orders_total + ? WHERE tenant = ? AND visit_id = ?",
                    e.total(), e.tenant(), e.visitId());
        }
    }

    @EventHandler
    void on(ProjectCreated e) {
        jdbc.update("INSERT INTO analytics_project (tenant, id, timezone) VALUES (?, ?, ?)", e.tenant(), e.projectId(), e.settings().timezone());
    }

    @EventHandler
    void on(ProjectUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE analytics_project SET timezone = ? WHERE tenant = ? AND id = ?", e.settings().timezone(), tenant, e.projectId());
    }

    @EventHandler
    void on(VisitPlanned e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("INSERT INTO analytics_visit (tenant, visit_id, project_id, agent_id, day, unplanned, status) VALUES (?, ?, ?, ?, ?, FALSE, 'PLANNED')",
                tenant, e.visitId(), e.projectId(), e.agentId(), Date.valueOf(e.plannedFor()));
    }

    @EventHandler
    void on(VisitRescheduled e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE analytics_visit SET day = ?, status = 'PLANNED' WHERE tenant = ? AND visit_id = ?",
                Date.valueOf(e.plannedFor()), tenant, e.visitId());
    }

    @EventHandler
    void on(VisitCancelled e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        status(tenant, e.visitId(), "CANCELLED");
    }

    @EventHandler
    void on(VisitMissed e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        status(tenant, e.visitId(), "MISSED");
    }

    @EventHandler
    void on(VisitCheckedIn e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        String[] flags = e.flags().toArray(new String[0]);
        if (e.unplanned()) {
            List<String> zone = jdbc.queryForList("SELECT timezone FROM analytics_project WHERE tenant = ? AND id = ?", String.class,
                    tenant, e.projectId());
            LocalDate day = LocalDate.ofInstant(e.at(), ZoneId.of(zone.isEmpty() ? "Asia/Tashkent" : zone.getFirst()));
            jdbc.update("INSERT INTO analytics_visit (tenant, visit_id, project_id, agent_id, day, unplanned, status, flags) "
                    + "VALUES (?, ?, ?, ?, ?, TRUE, 'IN_PROGRESS', ?)", tenant, e.visitId(), e.projectId(), e.agentId(), Date.valueOf(day), flags);
        } else {
            jdbc.update("UPDATE analytics_visit SET status = 'IN_PROGRESS', flags = ? WHERE tenant = ? AND visit_id = ?", flags, tenant, e.visitId());
        }
    }

    @EventHandler
    void on(VisitCheckedOut e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE analytics_visit SET status = 'COMPLETED', duration_seconds = ?, flags = flags || ? WHERE tenant = ? AND visit_id = ?",
                e.durationSeconds(), e.flags().toArray(new String[0]), tenant, e.visitId());
    }

    private void status(String tenant, String visitId, String status) {
        jdbc.update("UPDATE analytics_visit SET status = ? WHERE tenant = ? AND visit_id = ?", status, tenant, visitId);
    }
}
