package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A checklist step answered (again) in a visit, in the step's {@code version}: {@code value} as text
 * ({@code true}/{@code false}, a decimal number, the text, or the chosen option; null for a photo step) and the
 * images a photo step shows.
 */
@Revision("1")
public record VisitStepAnswered(String visitId, String projectId, String stepId, int version, String kind, String value,
                                List<String> imageIds) {
}
