package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** 1C could not be reached for the order: tried again at {@code nextAttemptAt} (back-off from 1 s doubling to 5 min). */
@Revision("1")
public record OnecOrderAttemptFailed(String tenant, String orderId, int attempts, String error, Instant nextAttemptAt) {
}
