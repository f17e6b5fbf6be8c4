package uz.hisob.platform.web;

/**
 * The text rules of common.md for every string a client sends: valid Unicode (no unpaired surrogate, so it is valid
 * UTF-8 once encoded), no control character other than tab, line feed and carriage return (no NUL: PostgreSQL's
 * {@code text} refuses it, and one such string once stopped a projection for everyone), and a length limit. Names
 * and titles carry their own, shorter {@code @Size}; {@link #MAX_LENGTH} is the ceiling for any string of a body.
 */
public final class TextRules {

    /** Free text (notes, reasons, descriptions) is at most this long; no string of a JSON body may be longer. */
    public static final int MAX_LENGTH = 4000;

    private TextRules() {
    }

    /** What is wrong with {@code text} as a client's string, or null when it obeys the rules. */
    public static String violation(CharSequence text, int maxLength) {
        if (text.length() > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        return characterViolation(text, true);
    }

    /**
     * What is wrong with the characters of {@code text}, or null; {@code lineBreaks} false also refuses line feed and
     * carriage return (header values, where they can never be meant).
     */
    public static String characterViolation(CharSequence text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid UTF-8 text";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid UTF-8 text";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && !(lineBreaks && (c == '\n' || c == '\r'))) {
                return "must not contain control characters (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }
}
