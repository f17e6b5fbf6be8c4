package uz.hisob.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;

/**
 * The one place where every error of either service becomes an {@code application/problem+json} body with a stable
 * code: controller exceptions, routing, codecs, security, and dependencies that are down. A client mistake never
 * becomes a 5xx, and no body ever carries a stack trace, SQL or a class name.
 */
@Component
@Order(-2) // before Spring Boot's own error handler
public class ProblemHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ProblemWriter writer;
    private final List<ProblemMapper> mappers;

    public ProblemHandler(ProblemWriter writer, List<ProblemMapper> mappers) {
        this.writer = writer;
        this.mappers = mappers;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ApiException problem = toProblem(error);
        if (problem.status().is5xxServerError()) {
            if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                log.warn("{} {} answered 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
            } else {
                log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
            }
        }
        return writer.write(exchange.getResponse(), problem.status(), problem.code(), problem.getMessage(), problem.extensions());
    }

    ApiException toProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            for (ProblemMapper mapper : mappers) {
                ApiException mapped = mapper.map(t);
                if (mapped != null) {
                    return mapped;
                }
            }
        }
        if (hasCause(error, DataBufferLimitException.class)) {
            return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The request body is larger than 1 MiB");
        }
        if (error instanceof WebExchangeBindException bind) {
            List<ApiException.FieldError> errors = bind.getFieldErrors().stream()
                    .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage()))
                    .toList();
            List<ApiException.FieldError> global = bind.getGlobalErrors().stream()
                    .map(g -> new ApiException.FieldError(g.getObjectName(), g.getDefaultMessage()))
                    .toList();
            return validation(concat(errors, global));
        }
        if (error instanceof MissingRequestValueException missing) {
            return validation(List.of(new ApiException.FieldError(missing.getName(), "is required")));
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "This endpoint takes application/json");
        }
        if (error instanceof ServerWebInputException input) {
            return validation(List.of(inputError(input)));
        }
        if (error instanceof MethodNotAllowedException) {
            return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "Method not allowed here");
        }
        if (error instanceof NotAcceptableStatusException) {
            return new ApiException(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "No acceptable representation");
        }
        if (error instanceof AccessDeniedException) {
            return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your roles do not allow this");
        }
        if (error instanceof AuthenticationException) {
            return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required");
        }
        if (error instanceof ResponseStatusException rse) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            if (status == HttpStatus.NOT_FOUND) {
                return new ApiException(status, "NOT_FOUND", "No such resource");
            }
            if (status != null && status.is4xxClientError()) {
                return new ApiException(status, status.name(), status.getReasonPhrase());
            }
        }
        if (hasCause(error, DataAccessResourceFailureException.class) || hasCause(error, QueryTimeoutException.class)
                || hasCause(error, ConnectException.class)
                // an I/O with a dependency that timed out or was aborted mid-way (the search client's request cancelled
                // while it waited for a connection): the dependency, not the request, failed
                || hasCause(error, java.io.InterruptedIOException.class)
                || hasCause(error, org.springframework.transaction.CannotCreateTransactionException.class)
                || hasCause(error, org.springframework.dao.TransientDataAccessException.class)
                || hasCause(error, java.sql.SQLTransientConnectionException.class)
                || hasCause(error, java.sql.SQLNonTransientConnectionException.class)) {
            return unavailable();
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "Something went wrong on our side; it has been logged");
    }

    public static ApiException unavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
                "A service this request needs is unavailable; try again shortly");
    }

    private static ApiException validation(List<ApiException.FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid",
                Map.of("errors", errors));
    }

    /** Names the field of a malformed body or a mistyped parameter, without leaking parser or class names. */
    private static ApiException.FieldError inputError(ServerWebInputException input) {
        JacksonException json = findCause(input, JacksonException.class);
        if (json != null) {
            String path = path(json);
            if (json instanceof TextRulesJson.Violation text) {
                return new ApiException.FieldError(path.isEmpty() ? "body" : path, text.rule());
            }
            if (path.isEmpty()) {
                return new ApiException.FieldError("body", "is not well-formed JSON");
            }
            return new ApiException.FieldError(path, "has the wrong type or is out of range");
        }
        if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null) {
            return new ApiException.FieldError(input.getMethodParameter().getParameterName(), "has the wrong type or format");
        }
        if (input.getReason() != null && input.getReason().contains("body is missing")) {
            return new ApiException.FieldError("body", "is required");
        }
        return new ApiException.FieldError("request", "is not valid");
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return findCause(t, type) != null;
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
