package uz.hisob.api;

import java.util.Map;

/**
 * A business rule refused a command. {@code code} is the contract's stable code (e.g. {@code INSUFFICIENT_STOCK},
 * {@code ALREADY_EXISTS}); {@code details} become extra members of the problem body (e.g. {@code shortages}).
 * {@code kind} says which HTTP family it belongs to.
 */
public class CommandRefused extends RuntimeException {

    /** How the refusal reads to a client. */
    public enum Kind {
        /** 409: the state of things refuses it. */
        CONFLICT,
        /** 404: it names something that does not exist (for the caller). */
        NOT_FOUND,
        /** 400: the command itself is invalid (a field, an unknown referenced id). */
        INVALID
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Map<String, Object> details;

    public CommandRefused(Kind kind, String code, String message, String field, Map<String, Object> details) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public static CommandRefused conflict(String code, String message) {
        return new CommandRefused(Kind.CONFLICT, code, message, null, Map.of());
    }

    public static CommandRefused conflict(String code, String message, Map<String, Object> details) {
        return new CommandRefused(Kind.CONFLICT, code, message, null, details);
    }

    public static CommandRefused notFound(String message) {
        return new CommandRefused(Kind.NOT_FOUND, "NOT_FOUND", message, null, Map.of());
    }

    public static CommandRefused invalid(String field, String message) {
        return new CommandRefused(Kind.INVALID, "VALIDATION_FAILED", message, field, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }
}
