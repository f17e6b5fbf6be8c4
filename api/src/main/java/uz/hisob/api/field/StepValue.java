package uz.hisob.api.field;

/**
 * A checklist answer's value as the client sent it: its JSON {@code type} ({@code boolean}, {@code number},
 * {@code string}, or {@code null} when absent) and its text.
 */
public record StepValue(String type, String text) {

    public static final StepValue NONE = new StepValue("null", null);
}
