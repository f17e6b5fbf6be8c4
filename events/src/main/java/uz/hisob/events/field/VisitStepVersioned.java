package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A version of a checklist step ({@code version} 1 when defined, one more on every change). {@code kind} is
 * {@code CHECK}, {@code NUMBER}, {@code TEXT}, {@code CHOICE} or {@code PHOTO}; {@code visitTypeIds} empty means
 * every visit type. A visit answers the version it was checked in with.
 */
@Revision("1")
public record VisitStepVersioned(String projectId, String stepId, int version, String title, String kind, boolean required,
                                 List<String> options, List<String> visitTypeIds, int order) {
}
