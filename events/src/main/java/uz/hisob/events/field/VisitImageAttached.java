package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** An uploaded image was taken in a visit (for a checklist step, if {@code stepId}). */
@Revision("1")
public record VisitImageAttached(String visitId, String projectId, String imageId, String stepId) {
}
