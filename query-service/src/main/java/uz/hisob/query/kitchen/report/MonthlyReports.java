package uz.hisob.query.kitchen.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uz.hisob.platform.web.ApiException;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes, stores and diffs report versions (blocking: JDBC; call off the event loop). Versions of a month start
 * at 1 and grow by 1; each stored body is kept byte for byte.
 */
@Component
public class MonthlyReports {

    private static final tools.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> BODY = new tools.jackson.core.type.TypeReference<>() {
    };

    private final KitchenReplay replay;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;

    private final org.springframework.transaction.support.TransactionTemplate tx;

    public MonthlyReports(KitchenReplay replay, JdbcTemplate jdbc, JsonMapper json, Clock clock,
                          org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.replay = replay;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** One difference between two versions. */
    public record Change(String path, Object before, Object after) {
    }

    /** A stored version: its JSON body. */
    public record Stored(int version, String body) {
    }

    public Optional<Stored> find(String tenant, String kitchen, YearMonth month, Integer version) {
        String sql = "SELECT version, body FROM kitchen_report WHERE tenant = ? AND kitchen_id = ? AND month = ?"
                + (version == null ? " ORDER BY version DESC LIMIT 1" : " AND version = ?");
        Object[] args = version == null ? new Object[] {tenant, kitchen, month.toString()}
                : new Object[] {tenant, kitchen, month.toString(), version};
        return jdbc.query(sql, (rs, i) -> new Stored(rs.getInt(1), rs.getString(2)), args).stream().findFirst();
    }

    /**
     * Replays the kitchen's events, computes the month and stores it as the next version; answers the body and the
     * diff against the previous version.
     */
    public Map<String, Object> compute(String tenant, String kitchen, YearMonth month, Instant asKnownAt,
                                       java.math.BigDecimal warningPct, java.math.BigDecimal misusePct) {
        MonthlyReport report = new MonthlyReport(month);
        KitchenReplay.Replayed replayed = replay.replay(tenant, kitchen, asKnownAt, report::accept);
        if (!report.kitchenKnown()) {
            throw ApiException.notFound("Kitchen");
        }
        MonthlyReport.Thresholds own = report.kitchenThresholds();
        MonthlyReport.Thresholds thresholds = new MonthlyReport.Thresholds(
                warningPct == null ? own.warningPct() : warningPct, misusePct == null ? own.misusePct() : misusePct);
        if (thresholds.warningPct().compareTo(thresholds.misusePct()) > 0) {
            throw ApiException.invalid("warningThresholdPct", "must not exceed misuseThresholdPct");
        }
        return tx.execute(status -> {
            // computations of the same month queue here for their version number (a lock of this transaction, across
            // instances): a failed insert would abort the transaction, so there is nothing to retry inside it
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {
            }, "kitchen_report\n" + tenant + '\n' + kitchen + '\n' + month);
            Optional<Stored> previous = find(tenant, kitchen, month, null);
            int version = previous.map(p -> p.version() + 1).orElse(1);
            MonthlyReport.Body body = report.result(version, asKnownAt, clock.instant(), thresholds, replayed.inputDigest());
            String text = json.writeValueAsString(body);
            jdbc.update("INSERT INTO kitchen_report (tenant, kitchen_id, month, version, as_known_at, body) VALUES (?, ?, ?, ?, ?, ?)",
                    tenant, kitchen, month.toString(), version, Timestamp.from(asKnownAt), text);
            Map<String, Object> answer = json.readValue(text, BODY);
            answer.put("diff", previous.map(p -> diff(json.readTree(p.body()), json.readTree(text))).orElse(List.of()));
            return answer;
        });
    }

    /** Leaf differences; array elements of ingredients and meals are matched by id, not position. */
    List<Change> diff(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        diff("", before, after, changes);
        changes.removeIf(c -> c.path().equals("version") || c.path().equals("generatedAt"));
        return changes;
    }

    private void diff(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.propertyNames().forEach(names::add);
            b.propertyNames().forEach(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray()) {
            Map<String, JsonNode> left = keyed(a);
            Map<String, JsonNode> right = keyed(b);
            List<String> keys = new ArrayList<>(left.keySet());
            right.keySet().forEach(k -> {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            });
            for (String key : keys) {
                diff(path + "[" + key + "]", left.get(key), right.get(key), out);
            }
        } else if (!java.util.Objects.equals(a, b)) {
            out.add(new Change(path, a == null ? null : json.treeToValue(a, Object.class), b == null ? null : json.treeToValue(b, Object.class)));
        }
    }

    private static Map<String, JsonNode> keyed(JsonNode array) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        int i = 0;
        for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); i++) {
            JsonNode n = it.next();
            String key = n instanceof ObjectNode o && o.hasNonNull("ingredientId") ? o.get("ingredientId").asString()
                    : n instanceof ObjectNode o2 && o2.hasNonNull("mealId") ? o2.get("mealId").asString() : Integer.toString(i);
            byKey.put(key, n);
        }
        return byKey;
    }
}
