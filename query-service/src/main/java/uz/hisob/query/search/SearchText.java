package uz.hisob.query.search;

import java.text.Normalizer;
import java.util.Locale;

/** Folds text for matching: NFC, lower case, and the many apostrophes of Uzbek Latin ("o‘", "oʻ", "o'") dropped. */
public final class SearchText {

    private SearchText() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return s.replaceAll("[\\u0027\\u0060\\u00B4\\u02B9\\u02BB\\u02BC\\u02BD\\u2018\\u2019\\u201B]", "").strip();
    }
}
