package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/**
 * An entry of one of a project's dictionaries: {@code kind} {@code visit-types}, {@code visit-priorities},
 * {@code cancel-reasons} or {@code visit-outcomes}.
 */
@Revision("1")
public record ReferenceAdded(String projectId, String kind, String referenceId, String name, int order) {
}
