package uz.hisob.command.onec;

import java.util.Locale;

/**
 * The Hisob ids of what 1C makes, from its codes: the code lower-cased, what an id may not hold (Cyrillic letters,
 * spaces) as dashes, and a hash of the scope and the whole code, since two codes that differ only in what was dropped,
 * or one code in two projects, must never share an id. Deterministic, so a page applied again (it never is) or a
 * second instance would name the same things alike.
 */
public final class OnecKeys {

    private OnecKeys() {
    }

    /** The id of what 1C calls {@code code} within {@code scope} (a project for its clients, the tenant's catalogue otherwise). */
    public static String id(String scope, String code) {
        String safe = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String hash = OnecItemHashes.hash(scope + "\n" + code).substring(0, 10);
        return (safe.isEmpty() ? "1c" : safe.length() > 50 ? safe.substring(0, 50).replaceAll("-+$", "") : safe) + "-" + hash;
    }

    /** The price list of a 1C price type: {@code 1c-} and its id. */
    public static String priceList(String priceTypeCode) {
        return "1c-" + id("price-type", priceTypeCode);
    }

    public static String product(String code) {
        return id("product", code);
    }

    public static String category(String code) {
        return "1c-" + id("category", code);
    }

    public static String warehouse(String code) {
        return "1c-" + id("warehouse", code);
    }
}
