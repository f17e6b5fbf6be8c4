package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A planned (or missed) visit will not happen: a dictionary reason, a free one, or both. */
@Revision("1")
public record VisitCancelled(String visitId, String projectId, String reasonId, String reason) {
}
