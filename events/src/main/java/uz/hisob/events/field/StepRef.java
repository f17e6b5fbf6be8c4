package uz.hisob.events.field;

import java.util.List;

/**
 * A checklist step a visit is to answer, as it was when the visit was checked in: its version, kind, whether it is
 * required, and the options of a {@code CHOICE} step.
 */
public record StepRef(String stepId, int version, String kind, boolean required, List<String> options) {
}
