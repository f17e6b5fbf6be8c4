package uz.hisob.local;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo kitchen's history, booked through the API, yields the story it tells: one month of missing meat. */
class DemoKitchenReportTest extends SystemTestSupport {

    @Test
    void theMeatMonthIsFlaggedAndTheOthersAreOk() {
        LocalDate today = LocalDate.now(DemoData.ZONE);
        DemoData.ensure(system().commandUrl(), system().queryUrl(), today);
        YearMonth meat = DemoData.meatMonth(today);
        KitchenApi k = new KitchenApi(DemoData.KITCHEN);
        for (YearMonth month = YearMonth.from(today).minusMonths(3); month.isBefore(YearMonth.from(today)); month = month.plusMonths(1)) {
            Map<?, ?> r = MonthlyReportTest.report(k, month);
            if (month.equals(meat)) {
                assertThat(r.get("status")).as("meat month " + month).isEqualTo("MISUSE_SUSPECTED");
                Map<?, ?> beef = MonthlyReportTest.line(r, "mol-goshti");
                assertThat(beef.get("status")).isEqualTo("MISUSE_SUSPECTED");
                assertThat(((Number) beef.get("countAdjustmentGrams")).longValue()).isNegative();
                List<Object> flagged = ((List<?>) r.get("ingredients")).stream()
                        .filter(i -> !"OK".equals(((Map<?, ?>) i).get("status"))).<Object>map(i -> ((Map<?, ?>) i).get("ingredientId")).toList();
                assertThat(flagged).as("only the meat is flagged").containsExactly("mol-goshti");
            } else {
                assertThat(r.get("status")).as("month " + month + ": " + r).isEqualTo("OK");
            }
            assertThat(((Number) r.get("prepared")).longValue()).isPositive();
        }
    }
}
