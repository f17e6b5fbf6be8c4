package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A client was archived (soft delete): hidden from lists, never visited, its history kept. */
@Revision("1")
public record ClientArchived(String clientId, String projectId) {
}
