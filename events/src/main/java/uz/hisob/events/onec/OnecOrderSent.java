package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** 1C took the order ({@code SENT}): its number there and status, after {@code attempts} calls. */
@Revision("1")
public record OnecOrderSent(String tenant, String orderId, String number, String status, int attempts, Instant at) {
}
