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
public record Target(boolean onRatio, double bound, boolean ratioIsCost) {

    public Target(boolean onRatio, double bound) {
        this(onRatio, bound, false);
    }

    /** The ratio Hisob / reference must be at least {@code bound}. */
    public static Target ratioAtLeast(double bound) {
        return new Target(true, bound, false);
    }

    /** The ratio Hisob / reference must be at most {@code bound}: a cost (CPU per operation against a floor). */
    public static Target ratioAtMost(double bound) {
        return new Target(true, bound, true);
    }

    /** The value must be at most {@code bound} (in the result's unit). */
    public static Target atMost(double bound) {
        return new Target(false, bound, false);
    }

    /** Whether {@code result} meets this target, with the bound loosened by {@code looseness} (1 = as stated). */
    public boolean metBy(Result result, double looseness) {
        if (onRatio && ratioIsCost) {
            return result.ratio() != null && result.ratio() <= bound * looseness;
        }
        if (onRatio) {
            return result.ratio() != null && result.ratio() >= bound / looseness;
        }
        return result.value() <= bound * looseness;
    }

    /** As shown in tables, e.g. {@code ratio ≥ 0.60}, {@code ratio ≤ 4.00} or {@code ≤ 50 ms}. */
    public String describe(String unit) {
        return onRatio ? String.format(Locale.ROOT, ratioIsCost ? "ratio ≤ %.2f" : "ratio ≥ %.2f", bound)
                : "≤ " + Result.format(bound) + " " + unit;
    }
}
