package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A field order of a linked project is to be sent to 1C ({@code PENDING}). */
@Revision("1")
public record OnecOrderQueued(String tenant, String orderId, String projectId, Instant at) {
}
