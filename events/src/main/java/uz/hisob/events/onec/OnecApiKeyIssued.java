package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A key 1C may call {@code notify} with was made for the project ({@code prefix}: its first characters, to tell keys apart). */
@Revision("1")
public record OnecApiKeyIssued(String tenant, String projectId, String keyId, String prefix, Instant at) {
}
