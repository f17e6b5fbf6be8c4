package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import uz.hisob.query.kitchen.report.MonthEndReports;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The month-end job issues last month's report once per kitchen; WARNING or worse raises an alert. */
class MonthEndReportTest extends SystemTestSupport {

    private static List<Map<?, ?>> reportAlerts(KitchenApi k) {
        return ((List<?>) k.read("/alerts?active=true").get("items")).stream().<Map<?, ?>>map(o -> (Map<?, ?>) o)
                .filter(a -> "REPORT".equals(a.get("kind"))).toList();
    }

    @Test
    void lastMonthIsIssuedOnceAndASuspectedMisuseRaisesAnAlert() {
        KitchenApi bad = MonthlyReportTest.bakery("monthend-bad");
        MonthlyReportTest.count(bad, "un", 4000, MonthlyReportTest.at(10, 18));
        KitchenApi ok = MonthlyReportTest.bakery("monthend-ok");
        MonthlyReportTest.count(ok, "un", 5000, MonthlyReportTest.at(10, 18));
        bad.read("/stock");
        ok.read("/stock");

        MonthEndReports job = system().queryContext().getBean(MonthEndReports.class);
        job.issueDueReports();
        job.issueDueReports(); // a second check (or another instance) issues nothing more

        Map<?, ?> badReport = MonthlyReportTest.report(bad, MonthlyReportTest.M);
        assertThat(badReport.get("version")).isEqualTo(1);
        assertThat(badReport.get("status")).isEqualTo("MISUSE_SUSPECTED");
        assertThat(MonthlyReportTest.report(ok, MonthlyReportTest.M).get("version")).isEqualTo(1);

        List<Map<?, ?>> alerts = reportAlerts(bad);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().get("month")).isEqualTo(MonthlyReportTest.M.toString());
        assertThat(alerts.getFirst().get("status")).isEqualTo("MISUSE_SUSPECTED");
        assertThat(((Number) alerts.getFirst().get("differencePct")).doubleValue()).isEqualTo(16.7);
        assertThat(alerts.getFirst().get("reportVersion")).isEqualTo(1);
        assertThat(reportAlerts(ok)).isEmpty();

        // the live stream carried it: replay the kitchen's whole feed
        List<ServerSentEvent<String>> feed = WebClient.builder().clientConnector(CONNECTOR).baseUrl(system().queryUrl()).build()
                .get().uri(bad.path("/stream")).header("Authorization", bearer("cook")).header("Last-Event-ID", "0")
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .filter(e -> "alert".equals(e.event()) && e.data() != null && e.data().contains("\"REPORT\""))
                .take(1).collectList().block(Duration.ofSeconds(10));
        assertThat(feed).hasSize(1);
        assertThat(IdempotencyTest.json(feed.getFirst().data()).get("status")).isEqualTo("MISUSE_SUSPECTED");
    }

    /**
     * Claim, report and alert commit together (issue #11.8): when raising the alert fails, nothing of the month is kept,
     * and the next check issues it whole. (The claim used to commit on its own, with the report's version, and the
     * alert was then never raised.)
     */
    @Test
    void aMonthEndThatFailsHalfWayIsIssuedWholeByTheNextCheck() {
        KitchenApi bad = MonthlyReportTest.bakery("monthend-retry");
        MonthlyReportTest.count(bad, "un", 4000, MonthlyReportTest.at(10, 18));
        bad.read("/stock");
        org.springframework.jdbc.core.JdbcTemplate db = system().queryContext().getBean("jdbcTemplate",
                org.springframework.jdbc.core.JdbcTemplate.class);
        db.execute("CREATE OR REPLACE FUNCTION refuse_report_alert() RETURNS trigger AS $$ BEGIN IF NEW.kitchen_id = '"
                + bad.kitchen + "' THEN RAISE EXCEPTION 'alerts are down'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        db.execute("CREATE TRIGGER refuse_report_alert BEFORE INSERT ON kitchen_report_alert FOR EACH ROW EXECUTE FUNCTION refuse_report_alert()");
        MonthEndReports job = system().queryContext().getBean(MonthEndReports.class);
        try {
            job.issueDueReports();
            assertThat(db.queryForObject("SELECT count(*) FROM kitchen_report_issue WHERE kitchen_id = ?", Integer.class, bad.kitchen)).isZero();
            assertThat(db.queryForObject("SELECT count(*) FROM kitchen_report WHERE kitchen_id = ?", Integer.class, bad.kitchen)).isZero();
        } finally {
            db.execute("DROP TRIGGER IF EXISTS refuse_report_alert ON kitchen_report_alert");
        }
        job.issueDueReports();
        assertThat(MonthlyReportTest.report(bad, MonthlyReportTest.M).get("version")).isEqualTo(1);
        assertThat(reportAlerts(bad)).hasSize(1);
    }
}
