package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** An archived client is active again. */
@Revision("1")
public record ClientRestored(String clientId, String projectId) {
}
