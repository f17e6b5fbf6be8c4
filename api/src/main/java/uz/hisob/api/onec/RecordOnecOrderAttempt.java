package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What a call of {@code PostOrder} for the order came to: {@code SENT} with 1C's number and status, {@code FAILED}
 * (1C unreachable: tried again later) or {@code REFUSED} (a Client fault: not until resent), with the error.
 */
public record RecordOnecOrderAttempt(String tenant, String orderId, String outcome, String number, String status, String error) {

    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    public static final String REFUSED = "REFUSED";

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.order(tenant, orderId);
    }
}
