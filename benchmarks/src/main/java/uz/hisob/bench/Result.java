package uz.hisob.bench;

import java.util.Locale;

/**
 * One row of the benchmark's output.
 *
 * @param scenario  the scenario's name, e.g. {@code 1a ServeMeal}
 * @param metric    what was measured, e.g. {@code throughput}
 * @param value     Hisob's figure
 * @param unit      its unit, e.g. {@code cmd/s}, {@code ms}, {@code MB}
 * @param reference the reference's figure in the same unit, or null
 * @param ratio     value / reference where a target asks for it, or null
 * @param target    what the value or ratio must reach, or null (information only)
 * @param met       whether the target is met, null without target
 * @param note      sample counts, errors, anything that helps read the figure; may be empty
 */
public record Result(String scenario, String metric, double value, String unit, Double reference, Double ratio,
                     Target target, Boolean met, String note) {

    /** A throughput-like figure compared with its reference: ratio = value / reference, higher is better. */
    public static Result ratio(String scenario, String metric, double value, String unit, double reference,
                               Target target, String note) {
        Double ratio = reference > 0 ? value / reference : null;
        Result r = new Result(scenario, metric, value, unit, reference, ratio, target, null, note);
        return r.withMet();
    }

    /** A figure with an absolute bound (latency, memory, time), lower is better. */
    public static Result bounded(String scenario, String metric, double value, String unit, Target target, String note) {
        return new Result(scenario, metric, value, unit, null, null, target, null, note).withMet();
    }

    /** A figure shown for information, optionally beside the reference's figure. */
    public static Result info(String scenario, String metric, double value, String unit, Double reference, String note) {
        return new Result(scenario, metric, value, unit, reference, null, null, null, note);
    }

    private Result withMet() {
        return new Result(scenario, metric, value, unit, reference, ratio, target, target == null ? null : target.metBy(this, 1), note);
    }

    /** Whether the target (if any) is met with its bound loosened by {@code looseness}. */
    public boolean meets(double looseness) {
        return target == null || target.metBy(this, looseness);
    }

    /** Numbers as the tables show them: three significant digits at most, no exponent. */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
