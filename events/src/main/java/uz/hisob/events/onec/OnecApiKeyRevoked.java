package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The key no longer opens {@code notify}. */
@Revision("1")
public record OnecApiKeyRevoked(String tenant, String projectId, String keyId, Instant at) {
}
