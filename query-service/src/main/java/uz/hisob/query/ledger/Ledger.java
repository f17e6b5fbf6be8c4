package uz.hisob.query.ledger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.TenantScoped;
import uz.hisob.platform.axon.LedgerHash;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a tenant's ledger straight from the event store, in chain order, through a server-side cursor (constant
 * memory whatever the range), and verifies its hash chain. Blocking JDBC: call it off the event loop.
 */
@Component
public class Ledger {

    private static final int FETCH = 1000;
    private final DataSource events;
    private final JsonMapper json;

    public Ledger(@Qualifier("eventsDataSource") DataSource events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /** Filters of the list and export. */
    public record Filter(String tenant, String aggregateId, String eventType, String user, Instant from, Instant to) {
    }

    /** The outcome of a verification. */
    public record Verification(boolean verified, long eventsChecked, String headHash, Long firstBrokenPosition, String reason) {
    }

    private static final String SELECT = "SELECT c.tenant_seq, c.global_index, c.event_identifier AS chained_id, c.hash, c.previous_hash, "
            + "e.event_identifier, e.payload_type, e.payload_revision, e.type, e.aggregate_identifier, e.sequence_number, "
            + "e.time_stamp, e.meta_data, e.payload FROM ledger_chain c LEFT JOIN domain_event_entry e ON e.global_index = c.global_index ";

    /** Streams the entries matching the filter, oldest first, to {@code sink}; answers how many there were. */
    public long stream(Filter f, long offset, int limit, Consumer<Map<String, Object>> sink) {
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE c.tenant = ?");
        List<Object> args = new ArrayList<>(List.of(f.tenant()));
        where(f, sql, args);
        sql.append(" ORDER BY c.tenant_seq");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit).append(" OFFSET ").append(offset);
        }
        return query(sql.toString(), args, rs -> sink.accept(entry(rs)));
    }

    public long count(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM ledger_chain c LEFT JOIN domain_event_entry e ON e.global_index = c.global_index WHERE c.tenant = ?");
        List<Object> args = new ArrayList<>(List.of(f.tenant()));
        where(f, sql, args);
        long[] n = {0};
        query(sql.toString(), args, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private static void where(Filter f, StringBuilder sql, List<Object> args) {
        if (f.aggregateId() != null) {
            sql.append(" AND e.aggregate_identifier = ?");
            args.add(TenantScoped.aggregateId(f.tenant(), f.aggregateId()));
        }
        if (f.eventType() != null) {
            sql.append(" AND (e.payload_type = ? OR e.payload_type LIKE ?)");
            args.add(f.eventType());
            args.add("%." + f.eventType());
        }
        if (f.user() != null) {
            sql.append(" AND convert_from(e.meta_data, 'UTF8')::jsonb ->> 'user' = ?");
            args.add(f.user());
        }
        if (f.from() != null) {
            sql.append(" AND e.time_stamp::timestamptz >= ?");
            args.add(java.sql.Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND e.time_stamp::timestamptz < ?");
            args.add(java.sql.Timestamp.from(f.to()));
        }
    }

    /**
     * Re-reads the tenant's chain (in the recorded-time range, if given) and recomputes every hash from the stored
     * event: a changed payload or metadata, a reordering, a missing event or a missing link is reported at the first
     * position it breaks.
     */
    public Verification verify(String tenant, Instant from, Instant to) {
        Filter f = new Filter(tenant, null, null, null, null, null);
        long[] checked = {0};
        long[] expectedSeq = {-1};
        String[] previous = {null};
        Verification[] broken = {null};
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE c.tenant = ?");
        List<Object> args = new ArrayList<>(List.of(f.tenant()));
        if (from != null) {
            sql.append(" AND c.tenant_seq >= COALESCE((SELECT min(c2.tenant_seq) FROM ledger_chain c2 JOIN domain_event_entry e2 "
                    + "ON e2.global_index = c2.global_index WHERE c2.tenant = ? AND e2.time_stamp::timestamptz >= ?), 9223372036854775807)");
            args.add(tenant);
            args.add(java.sql.Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND c.tenant_seq <= COALESCE((SELECT max(c3.tenant_seq) FROM ledger_chain c3 JOIN domain_event_entry e3 "
                    + "ON e3.global_index = c3.global_index WHERE c3.tenant = ? AND e3.time_stamp::timestamptz < ?), -1)");
            args.add(tenant);
            args.add(java.sql.Timestamp.from(to));
        }
        sql.append(" ORDER BY c.tenant_seq");
        // the head first: links appended while the chain is read are beyond it, and not judged by this verification
        long[] headSeq = {0};
        String[] headHash = {LedgerHash.GENESIS};
        query("SELECT tenant_seq, hash FROM ledger_head WHERE tenant = ?", List.of(tenant), rs -> {
            headSeq[0] = rs.getLong(1);
            headHash[0] = rs.getString(2);
        });
        query(sql.toString(), args, rs -> {
            if (broken[0] != null) {
                return;
            }
            long seq = rs.getLong("tenant_seq");
            if (to == null && seq > headSeq[0]) {
                return;
            }
            long position = rs.getLong("global_index");
            String prev = rs.getString("previous_hash");
            if (previous[0] == null) {
                // the first link of the range: it must start at genesis or follow on from the link before it
                previous[0] = seq == 1 ? LedgerHash.GENESIS : prev;
                expectedSeq[0] = seq;
                if (seq == 1 && !LedgerHash.GENESIS.equals(prev)) {
                    broken[0] = broken(checked[0], position, "the first event does not start the chain");
                    return;
                }
            }
            if (seq != expectedSeq[0]) {
                broken[0] = broken(checked[0], position, "a link of the chain is missing before this position");
                return;
            }
            if (!previous[0].equals(prev)) {
                broken[0] = broken(checked[0], position, "the previous hash does not match the event before it");
                return;
            }
            if (rs.getString("event_identifier") == null) {
                broken[0] = broken(checked[0], position, "the event at this position is missing from the event store");
                return;
            }
            if (!rs.getString("event_identifier").equals(rs.getString("chained_id"))) {
                broken[0] = broken(checked[0], position, "another event stands at this position");
                return;
            }
            String hash = LedgerHash.next(previous[0], stored(rs));
            if (!hash.equals(rs.getString("hash"))) {
                broken[0] = broken(checked[0], position, "the stored event differs from what was chained (payload, metadata or order)");
                return;
            }
            checked[0]++;
            previous[0] = hash;
            expectedSeq[0] = seq + 1;
        });
        if (broken[0] != null) {
            return broken[0];
        }
        if (to == null) {
            // the chain must reach the tenant's head: deleting the last events together with their links leaves a
            // chain that verifies on its own, but ends short of the head written with the last event
            long lastSeq = expectedSeq[0] - 1;
            boolean sawNone = previous[0] == null;
            if (sawNone ? from == null && headSeq[0] > 0 : lastSeq != headSeq[0] || !previous[0].equals(headHash[0])) {
                long after = lastPosition(tenant);
                return broken(checked[0], after + 1, "the chain ends before its head (link " + headSeq[0]
                        + "): the last events were removed");
            }
        }
        return new Verification(true, checked[0], "sha256:" + (previous[0] == null ? LedgerHash.GENESIS : previous[0]), null, null);
    }

    /** The position of the tenant's last chained event that is still there, or 0. */
    private long lastPosition(String tenant) {
        long[] last = {0};
        query("SELECT c.global_index FROM ledger_chain c WHERE c.tenant = ? ORDER BY c.tenant_seq DESC LIMIT 1", List.of(tenant),
                rs -> last[0] = rs.getLong(1));
        return last[0];
    }

    private static Verification broken(long checked, long position, String reason) {
        return new Verification(false, checked, null, position, reason);
    }

    private static LedgerHash.StoredEvent stored(ResultSet rs) throws SQLException {
        return new LedgerHash.StoredEvent(rs.getString("event_identifier"), rs.getString("payload_type"), rs.getString("payload_revision"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("time_stamp"),
                rs.getBytes("meta_data"), rs.getBytes("payload"));
    }

    private Map<String, Object> entry(ResultSet rs) throws SQLException {
        Map<String, Object> e = new LinkedHashMap<>();
        String type = rs.getString("payload_type");
        Map<?, ?> meta = rs.getBytes("meta_data") == null ? Map.of() : json.readValue(rs.getBytes("meta_data"), Map.class);
        Map<?, ?> payload = rs.getBytes("payload") == null ? Map.of() : json.readValue(new String(rs.getBytes("payload"), StandardCharsets.UTF_8), Map.class);
        String recorded = rs.getString("time_stamp");
        String aggregate = rs.getString("aggregate_identifier");
        e.put("position", rs.getLong("global_index"));
        e.put("eventId", rs.getString("chained_id"));
        e.put("eventType", type == null ? null : type.substring(type.lastIndexOf('.') + 1));
        e.put("revision", rs.getString("payload_revision"));
        e.put("aggregateType", rs.getString("type"));
        e.put("aggregateId", aggregate == null || aggregate.indexOf(':') < 0 ? aggregate : TenantScoped.localId(aggregate));
        e.put("sequence", rs.getLong("sequence_number"));
        e.put("recordedAt", recorded == null ? null : Instant.parse(recorded).toString());
        e.put("occurredAt", occurredAt(payload, recorded));
        e.put("user", meta.get("user"));
        e.put("correlationId", meta.get("correlationId"));
        e.put("payload", payload);
        e.put("hash", "sha256:" + rs.getString("hash"));
        e.put("previousHash", "sha256:" + rs.getString("previous_hash"));
        return e;
    }

    /** The business time the event is about, where it has one; else when it was recorded. */
    private static String occurredAt(Map<?, ?> payload, String recorded) {
        for (String instant : List.of("servedAt", "countedAt")) {
            if (payload.get(instant) instanceof String s) {
                return s;
            }
        }
        for (String date : List.of("deliveredOn", "writtenOffOn")) {
            if (payload.get(date) instanceof String s) {
                return LocalDate.parse(s).toString();
            }
        }
        return recorded == null ? null : Instant.parse(recorded).toString();
    }

    /**
     * An open cursor over the entries matching a filter, oldest first: one row at a time, so an export of any size
     * holds one fetch batch in memory. Close it (the export does, when the client finishes or goes away).
     */
    public final class Cursor implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;

        Cursor(Filter f) throws SQLException {
            StringBuilder sql = new StringBuilder(SELECT).append("WHERE c.tenant = ?");
            List<Object> args = new ArrayList<>(List.of(f.tenant()));
            where(f, sql, args);
            sql.append(" ORDER BY c.tenant_seq");
            connection = events.getConnection();
            try {
                connection.setAutoCommit(false);
                statement = connection.prepareStatement(sql.toString());
                statement.setFetchSize(FETCH);
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                rows = statement.executeQuery();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        /** The next entry, or null at the end. */
        public Map<String, Object> next() {
            try {
                return rows.next() ? entry(rows) : null;
            } catch (SQLException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("Reading the ledger failed", e);
            }
        }

        @Override
        public void close() {
            try (connection; statement; rows) {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // the connection goes back to the pool or is discarded; nothing to keep
            }
        }
    }

    public Cursor open(Filter f) {
        try {
            return new Cursor(f);
        } catch (SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("Reading the ledger failed", e);
        }
    }

    /** A row callback that may throw SQL exceptions. */
    @FunctionalInterface
    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private long query(String sql, List<Object> args, Row row) {
        try (Connection c = events.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                        n++;
                    }
                }
                return n;
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("Reading the ledger failed", e);
        }
    }
}
