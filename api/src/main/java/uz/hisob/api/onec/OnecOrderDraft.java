package uz.hisob.api.onec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What of a placed order goes to 1C, in Hisob's ids (mapped to 1C codes when it is sent, so a resend sees a fixed mapping). */
public record OnecOrderDraft(String clientId, String visitId, String currency, Instant placedAt, List<Line> lines, String note) {

    public record Line(String productId, long quantity, BigDecimal unitPrice) {
    }
}
