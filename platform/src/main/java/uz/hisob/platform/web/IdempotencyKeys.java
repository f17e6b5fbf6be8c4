package uz.hisob.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} rules of common.md shared by both services: the key's form, the request's fingerprint,
 * the 422 on reuse with another request, and the answer (first or replayed). Each service stores records next to the
 * effect they guard, in the same transaction.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");

    private IdempotencyKeys() {
    }

    /** The request's key, or null; 400 when it is not 1 to 128 printable characters. */
    public static String key(ServerWebExchange exchange) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw ApiException.invalid(HEADER, "must be 1 to 128 printable characters");
        }
        return key;
    }

    /** Method, path and the request as the server understood it (so formatting differences do not matter). */
    public static String fingerprint(ServerWebExchange exchange, Object request, JsonMapper json) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((exchange.getRequest().getMethod().name() + ' ' + exchange.getRequest().getPath().value() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(request == null ? new byte[0] : json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 422 {@code IDEMPOTENCY_KEY_REUSED}. */
    public static ApiException reused() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was used with a different request");
    }

    /** A JSON answer; a replay says so in {@code Idempotent-Replayed}. */
    public static ResponseEntity<String> answer(int status, String location, String body, boolean replayed) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            builder.location(URI.create(location));
        }
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(body);
    }
}
