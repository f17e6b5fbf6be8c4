package uz.hisob.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * A refusal with a status and a stable machine code, rendered as {@code application/problem+json} by
 * {@link ProblemHandler}. Extensions are added to the problem body as extra members (e.g. {@code shortages}).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> extensions;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " not found");
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid",
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    /** One entry of a validation problem's {@code errors}. */
    public record FieldError(String field, String message) {
    }
}
