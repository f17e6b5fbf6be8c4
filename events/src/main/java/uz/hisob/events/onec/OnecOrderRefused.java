package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

/** 1C refused the order (a SOAP Client fault, or what it needs is not mapped to 1C codes): {@code FAILED} until resent. */
@Revision("1")
public record OnecOrderRefused(String tenant, String orderId, int attempts, String error) {
}
