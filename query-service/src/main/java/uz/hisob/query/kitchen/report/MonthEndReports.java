package uz.hisob.query.kitchen.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uz.hisob.query.kitchen.KitchenFeed;

/**
 * Issues last month's report for every kitchen shortly after its month ends in the kitchen's own zone (checked every
 * quarter hour), once per kitchen and month whichever instance gets there first; a report of WARNING or worse raises
 * an alert in the kitchen's alerts and live stream.
 */
@Component
public class MonthEndReports {

    private static final Logger log = LoggerFactory.getLogger(MonthEndReports.class);

    private final JdbcTemplate jdbc;
    private final MonthlyReports reports;
    private final JsonMapper json;
    private final Clock clock;

    private final org.springframework.transaction.support.TransactionTemplate tx;

    public MonthEndReports(JdbcTemplate jdbc, MonthlyReports reports, JsonMapper json, Clock clock,
                           org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.reports = reports;
        this.json = json;
        this.clock = clock;
    }

    /** A kitchen to look at. */
    private record KitchenRef(String tenant, String id, ZoneId zone) {
    }

    @Scheduled(fixedDelayString = "${hisob.reports.month-end-check:PT15M}", initialDelayString = "${hisob.reports.month-end-first-check:PT1M}")
    public void issueDueReports() {
        Instant now = clock.instant();
        // the kitchen list comes from the read model; each report itself is computed by replaying the event store
        List<KitchenRef> kitchens = jdbc.query("SELECT tenant, id, timezone FROM kitchen ORDER BY tenant, id",
                (rs, i) -> new KitchenRef(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3))));
        for (KitchenRef k : kitchens) {
            YearMonth lastMonth = YearMonth.from(now.atZone(k.zone())).minusMonths(1);
            try {
                // claim, report, alert and change feed in one transaction: a crash or a failure anywhere leaves no
                // claim behind, so the next check (on any instance) issues the report; a concurrent claim waits for
                // this transaction and then finds the month taken
                tx.executeWithoutResult(status -> {
                    int claimed = jdbc.update("INSERT INTO kitchen_report_issue (tenant, kitchen_id, month) VALUES (?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", k.tenant(), k.id(), lastMonth.toString());
                    if (claimed > 0) {
                        issue(k, lastMonth, now);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Month-end report of {}/{} for {} failed; the next check tries again: {}", k.tenant(), k.id(), lastMonth, e.toString());
            }
        }
    }

    private void issue(KitchenRef k, YearMonth month, Instant now) {
        Map<String, Object> report = reports.compute(k.tenant(), k.id(), month, now, null, null);
        int version = (Integer) report.get("version");
        String status = (String) report.get("status");
        jdbc.update("UPDATE kitchen_report_issue SET version = ?, status = ? WHERE tenant = ? AND kitchen_id = ? AND month = ?",
                version, status, k.tenant(), k.id(), month.toString());
        if (MonthlyReport.WARNING.equals(status) || MonthlyReport.MISUSE_SUSPECTED.equals(status)) {
            BigDecimal pct = new BigDecimal(report.get("differencePct").toString());
            jdbc.update("INSERT INTO kitchen_report_alert (tenant, kitchen_id, month, version, status, difference_pct, raised_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", k.tenant(), k.id(), month.toString(), version, status, pct,
                    Timestamp.from(now));
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("kind", "REPORT");
            alert.put("month", month.toString());
            alert.put("reportVersion", version);
            alert.put("status", status);
            alert.put("differencePct", pct);
            alert.put("since", now.toString());
            alert.put("clearedAt", null);
            // the feed's order is its commit order only while one transaction at a time appends (KitchenFeed)
            KitchenFeed.lockForAppend(jdbc);
            jdbc.update("INSERT INTO kitchen_change (tenant, kitchen_id, kind, data) VALUES (?, ?, 'alert', ?)",
                    k.tenant(), k.id(), json.writeValueAsString(alert));
            log.info("Month-end report of {}/{} for {}: {} ({} %)", k.tenant(), k.id(), month, status, pct);
        }
    }
}
