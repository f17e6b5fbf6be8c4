package uz.hisob.query.platform;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.web.IdempotencyKeys;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for the query-service's own POSTs: the same key and request within 24 h answer the first
 * response again with no second effect; the same key with another request is 422. The record is written in the same
 * transaction as the effect (blocking JDBC: call it off the event loop).
 */
@Component
public class QueryIdempotency {


    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public QueryIdempotency(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.json = json;
    }

    /** Runs {@code effect} once per tenant, key and request; answers its 201 response, or the first one again. */
    public ResponseEntity<String> once(String tenant, String key, ServerWebExchange exchange, Object request, String location,
                                       Supplier<Map<String, Object>> effect) {
        return once(201, tenant, key, exchange, request, location, effect);
    }

    /** As {@link #once(String, String, ServerWebExchange, Object, String, Supplier)}, answering {@code status}. */
    public ResponseEntity<String> once(int status, String tenant, String key, ServerWebExchange exchange, Object request,
                                       String location, Supplier<Map<String, Object>> effect) {
        if (key == null) {
            Map<String, Object> body = tx.execute(s -> effect.get());
            return IdempotencyKeys.answer(status, resolve(location, body), json.writeValueAsString(body), false);
        }
        String fingerprint = IdempotencyKeys.fingerprint(exchange, request, json);
        return tx.execute(txStatus -> {
            // requests with the same key queue here (a lock of this transaction, across instances): the second one
            // finds the first one's record and answers as it did, never deciding again on what the first one did
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {
            }, tenant + '\n' + key);
            var earlier = jdbc.query("SELECT fingerprint, location, body, status FROM idempotency_records WHERE tenant = ? AND key = ? "
                    + "AND created_at > now() - interval '24 hours'", (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)}, tenant, key).stream().findFirst();
            if (earlier.isPresent()) {
                if (!earlier.get()[0].equals(fingerprint)) {
                    throw IdempotencyKeys.reused();
                }
                return IdempotencyKeys.answer(Integer.parseInt(earlier.get()[3]), earlier.get()[1], earlier.get()[2], true);
            }
            Map<String, Object> body = effect.get();
            String text = json.writeValueAsString(body);
            String where = resolve(location, body);
            jdbc.update("DELETE FROM idempotency_records WHERE tenant = ? AND key = ? AND created_at <= now() - interval '24 hours'", tenant, key);
            jdbc.update("INSERT INTO idempotency_records (tenant, key, fingerprint, status, location, body) VALUES (?, ?, ?, ?, ?, ?)",
                    tenant, key, fingerprint, status, where, text);
            return IdempotencyKeys.answer(status, where, text, false);
        });
    }

    /** The Location of the created resource: {@code {version}} in the template is the answer's version. */
    private static String resolve(String location, Map<String, Object> body) {
        return location == null ? null : location.replace("{version}", String.valueOf(body.get("version")));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forgetExpired() {
        jdbc.update("DELETE FROM idempotency_records WHERE created_at <= now() - interval '24 hours'");
    }
}
