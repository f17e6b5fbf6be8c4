package uz.hisob.events.onec;

/**
 * One call of a run to 1C: the operation, the endpoint it went to ({@code PRIMARY} or {@code ALTERNATIVE}), how long
 * it took and its outcome: {@code OK}, {@code REFUSED} (a SOAP Client fault), {@code FAILED} (a failure of the
 * endpoint as onec.md defines it) or {@code SKIPPED} (the endpoint's circuit was open), with {@code detail}.
 */
public record OnecCall(String operation, String endpoint, long ms, String outcome, String detail) {
}
