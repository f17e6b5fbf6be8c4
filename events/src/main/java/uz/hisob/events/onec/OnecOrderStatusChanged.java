package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** 1C says the order is now {@code status} ({@code ACCEPTED}, {@code SHIPPED}, {@code CANCELLED}) since {@code changedAt}. */
@Revision("1")
public record OnecOrderStatusChanged(String tenant, String orderId, String number, String status, Instant changedAt) {
}
