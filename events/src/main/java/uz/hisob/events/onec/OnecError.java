package uz.hisob.events.onec;

/** Something a run could not do: a code ({@code UNAVAILABLE}, {@code REFUSED}, {@code UNKNOWN_AGENT}, …), the item's 1C code if any, why. */
public record OnecError(String code, String item, String message) {
}
