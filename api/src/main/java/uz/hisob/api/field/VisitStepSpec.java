package uz.hisob.api.field;

import java.util.List;

/** A checklist step as a manager states it. */
public record VisitStepSpec(String title, String kind, boolean required, List<String> options, List<String> visitTypeIds,
                            int order) {
}
