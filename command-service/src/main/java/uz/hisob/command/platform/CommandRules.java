package uz.hisob.command.platform;

import uz.hisob.api.CommandRefused;
import uz.hisob.api.Quantities;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/** Rules every context's aggregates apply to what a command states (common.md), each refusal a 400 on its field. */
public final class CommandRules {

    private CommandRules() {
    }

    /** Refuses a quantity outside {@code min}..10^12, the most one command may state. */
    public static void requireQuantity(long quantity, long min, String field) {
        if (quantity < min || quantity > Quantities.MAX_PER_COMMAND) {
            throw CommandRefused.invalid(field, "must be between " + min + " and " + Quantities.MAX_PER_COMMAND);
        }
    }

    /**
     * The result of exact arithmetic on stock: an overflow is the client's (400), never a wrapped-around stock.
     * {@code unit} ends the message ("grams"), or is empty.
     */
    public static long exact(LongSupplier sum, String field, String unit) {
        try {
            return sum.getAsLong();
        } catch (ArithmeticException overflow) {
            throw CommandRefused.invalid(field, "would take the stock beyond " + Long.MAX_VALUE + (unit.isEmpty() ? "" : " " + unit));
        }
    }

    /** A business date: today in {@code zone} when not given, never in the future there. */
    public static LocalDate businessDate(LocalDate given, String field, Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (given == null) {
            return today;
        }
        if (given.isAfter(today)) {
            throw CommandRefused.invalid(field, "must not be in the future (today is " + today + " in " + zone + ")");
        }
        return given;
    }
}
