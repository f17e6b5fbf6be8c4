package uz.hisob.query.platform;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.web.ApiException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for the query-service's own POSTs: the same key and request within 24 h answer the first
 * response again with no second effect; the same key with another request is 422. The record is written in the same
 * transaction as the effect (blocking JDBC: call it off the event loop).
 */
@Component
public class QueryIdempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public QueryIdempotency(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.json = json;
    }

    /** The key of a request, validated (400 when malformed), or null. */
    public static String key(ServerWebExchange exchange) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw ApiException.invalid(HEADER, "must be 1 to 128 printable characters");
        }
        return key;
    }

    /** Runs {@code effect} once per tenant, key and request; answers its 201 response, or the first one again. */
    public ResponseEntity<String> once(String tenant, String key, ServerWebExchange exchange, Object request, String location,
                                       Supplier<Map<String, Object>> effect) {
        if (key == null) {
            Map<String, Object> body = effect.get();
            return answer(json.writeValueAsString(body), resolve(location, body), false);
        }
        String fingerprint = fingerprint(exchange, request);
        for (int attempt = 0; attempt < 2; attempt++) {
            var earlier = jdbc.query("SELECT fingerprint, location, body FROM idempotency_records WHERE tenant = ? AND key = ? "
                    + "AND created_at > now() - interval '24 hours'", (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                    tenant, key).stream().findFirst();
            if (earlier.isPresent()) {
                if (!earlier.get()[0].equals(fingerprint)) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                            "This Idempotency-Key was used with a different request");
                }
                return answer(earlier.get()[2], earlier.get()[1], true);
            }
            try {
                String[] done = tx.execute(status -> {
                    Map<String, Object> body = effect.get();
                    String text = json.writeValueAsString(body);
                    String where = resolve(location, body);
                    jdbc.update("DELETE FROM idempotency_records WHERE tenant = ? AND key = ? AND created_at <= now() - interval '24 hours'", tenant, key);
                    jdbc.update("INSERT INTO idempotency_records (tenant, key, fingerprint, status, location, body) VALUES (?, ?, ?, 201, ?, ?)",
                            tenant, key, fingerprint, where, text);
                    return new String[] {text, where};
                });
                return answer(done[0], done[1], false);
            } catch (DuplicateKeyException concurrent) {
                // the same key committed first elsewhere: answer as it did
            }
        }
        throw new ApiException(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION", "Retry with the same Idempotency-Key");
    }

    /** The Location of the created resource: {@code {version}} in the template is the answer's version. */
    private static String resolve(String location, Map<String, Object> body) {
        return location == null ? null : location.replace("{version}", String.valueOf(body.get("version")));
    }

    private static ResponseEntity<String> answer(String body, String location, boolean replayed) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            b.location(URI.create(location));
        }
        if (replayed) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.body(body);
    }

    private String fingerprint(ServerWebExchange exchange, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((exchange.getRequest().getMethod().name() + ' ' + exchange.getRequest().getPath().value() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forgetExpired() {
        jdbc.update("DELETE FROM idempotency_records WHERE created_at <= now() - interval '24 hours'");
    }
}
