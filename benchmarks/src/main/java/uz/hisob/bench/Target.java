package uz.hisob.bench;

import java.util.Locale;

/**
 * What a result must reach: a bound on its ratio to the reference (higher is better) or on its own value (lower is
 * better, e.g. latency, memory, start-up time).
 *
 * @param onRatio true: the bound applies to {@link Result#ratio()} and is a minimum; false: to
 *                {@link Result#value()} and is a maximum
 * @param bound   the bound, in the ratio or in the result's unit
 */
public record Target(boolean onRatio, double bound) {

    /** The ratio Hisob / reference must be at least {@code bound}. */
    public static Target ratioAtLeast(double bound) {
        return new Target(true, bound);
    }

    /** The value must be at most {@code bound} (in the result's unit). */
    public static Target atMost(double bound) {
        return new Target(false, bound);
    }

    /** Whether {@code result} meets this target, with the bound loosened by {@code looseness} (1 = as stated). */
    public boolean metBy(Result result, double looseness) {
        if (onRatio) {
            return result.ratio() != null && result.ratio() >= bound / looseness;
        }
        return result.value() <= bound * looseness;
    }

    /** As shown in tables, e.g. {@code ratio ≥ 0.60} or {@code ≤ 50 ms}. */
    public String describe(String unit) {
        return onRatio ? String.format(Locale.ROOT, "ratio ≥ %.2f", bound)
                : "≤ " + Result.format(bound) + " " + unit;
    }
}
