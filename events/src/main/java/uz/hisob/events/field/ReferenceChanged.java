package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A dictionary entry renamed, reordered, or (de)activated; entries are never deleted, history names them. */
@Revision("1")
public record ReferenceChanged(String projectId, String kind, String referenceId, String name, int order, boolean active) {
}
