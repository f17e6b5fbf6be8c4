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
 * Reads a tenant's ledger straight from the event store, in global order (sealed or not yet), through a server-side cursor (constant
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
    public record Verification(boolean verified, long eventsChecked, String headHash, Long firstBrokenPosition, String reason,
                               long sealedUpTo) {
        Verification withSealedUpTo(long position) {
            return new Verification(verified, eventsChecked, headHash, firstBrokenPosition, reason, position);
        }
    }

    /** A checkpoint to verify against: a verified JWS's content (see {@link CheckpointVerifier}). */
    public record Checkpoint(String tenant, long position, String headHash, long eventsSealed, String issuedAt) {
    }

    /** The tenant's signed checkpoints, newest first: {@code position, headHash, eventsSealed, issuedAt, jws}. */
    public List<Map<String, Object>> checkpoints(String tenant, long offset, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        query("SELECT global_index, head_hash, tenant_seq, issued_at, jws FROM ledger_checkpoint WHERE tenant = ? "
                + "ORDER BY tenant_seq DESC LIMIT " + limit + " OFFSET " + offset, List.of(tenant), rs -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("position", rs.getLong(1));
            item.put("headHash", "sha256:" + rs.getString(2));
            item.put("eventsSealed", rs.getLong(3));
            item.put("issuedAt", rs.getTimestamp(4).toInstant().toString());
            item.put("jws", rs.getString(5));
            items.add(item);
        });
        return items;
    }

    public long countCheckpoints(String tenant) {
        long[] n = {0};
        query("SELECT count(*) FROM ledger_checkpoint WHERE tenant = ?", List.of(tenant), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** The tenant's events, sealed or not; a sealed one with its link. */
    private static final String SELECT = "SELECT c.tenant_seq, e.global_index, c.hash, c.previous_hash, "
            + "e.event_identifier, e.payload_type, e.payload_revision, e.type, e.aggregate_identifier, e.sequence_number, "
            + "e.time_stamp, e.meta_data, e.payload FROM domain_event_entry e LEFT JOIN ledger_chain c ON c.global_index = e.global_index "
            + "WHERE event_tenant(e.meta_data) = ?";

    /** Streams the entries matching the filter, oldest first, to {@code sink}; answers how many there were. */
    public long stream(Filter f, long offset, int limit, Consumer<Map<String, Object>> sink) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> args = new ArrayList<>(List.of(f.tenant()));
        where(f, sql, args);
        sql.append(" ORDER BY e.global_index");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit).append(" OFFSET ").append(offset);
        }
        return query(sql.toString(), args, rs -> sink.accept(entry(rs)));
    }

    public long count(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM domain_event_entry e WHERE event_tenant(e.meta_data) = ?");
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
     * Re-reads the tenant's sealed events (in the recorded-time range, if given) beside its chain and recomputes every
     * hash from the stored event: a changed payload or metadata, a reordering, a missing event, an event without a
     * link or a missing link is reported at the first position it breaks; with a checkpoint, also a chain that no
     * longer passes through it. One consistent snapshot (repeatable read): what is sealed while it runs is not judged.
     */
    public Verification verify(String tenant, Instant from, Instant to, Checkpoint checkpoint) {
        try (Connection c = events.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return verify(c, tenant, from, to, checkpoint);
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("Verifying the ledger failed", e);
        }
    }

    private Verification verify(Connection c, String tenant, Instant from, Instant to, Checkpoint checkpoint) throws SQLException {
        long sealedUpTo = single(c, "SELECT sealed_upto FROM ledger_seal WHERE id = 1", List.of(), 0L);
        long headSeq = single(c, "SELECT tenant_seq FROM ledger_head WHERE tenant = ?", List.of(tenant), 0L);
        String headHash = single(c, "SELECT hash FROM ledger_head WHERE tenant = ?", List.of(tenant), LedgerHash.GENESIS);
        // the range, as global indexes of the tenant's sealed events
        long lo = 0;
        long hi = sealedUpTo;
        if (from != null) {
            lo = single(c, "SELECT min(global_index) FROM domain_event_entry WHERE event_tenant(meta_data) = ? AND global_index <= ? "
                    + "AND time_stamp::timestamptz >= ?", List.of(tenant, sealedUpTo, java.sql.Timestamp.from(from)), Long.MAX_VALUE);
        }
        if (to != null) {
            hi = single(c, "SELECT max(global_index) FROM domain_event_entry WHERE event_tenant(meta_data) = ? AND global_index <= ? "
                    + "AND time_stamp::timestamptz < ?", List.of(tenant, sealedUpTo, java.sql.Timestamp.from(to)), -1L);
        }
        Walk walk = new Walk();
        if (lo <= hi) {
            try (PreparedStatement links = cursor(c, "SELECT tenant_seq, global_index, event_identifier, hash, previous_hash FROM ledger_chain "
                    + "WHERE tenant = ? AND global_index BETWEEN ? AND ? ORDER BY tenant_seq", tenant, lo, hi);
                 PreparedStatement stored = cursor(c, "SELECT global_index, event_identifier, payload_type, payload_revision, "
                         + "aggregate_identifier, sequence_number, time_stamp, meta_data, payload FROM domain_event_entry "
                         + "WHERE event_tenant(meta_data) = ? AND global_index BETWEEN ? AND ? ORDER BY global_index", tenant, lo, hi);
                 ResultSet chain = links.executeQuery();
                 ResultSet event = stored.executeQuery()) {
                walk.run(chain, event, from == null);
            }
        }
        if (walk.broken != null) {
            return walk.broken.withSealedUpTo(sealedUpTo);
        }
        if (to == null && from == null) {
            // the chain must reach the tenant's head: deleting the last events together with their links leaves a
            // chain that verifies on its own, but ends short of the head written with the last event
            boolean sawNone = walk.previous == null;
            if (sawNone ? headSeq > 0 : walk.lastSeq != headSeq || !walk.previous.equals(headHash)) {
                long after = single(c, "SELECT max(global_index) FROM ledger_chain WHERE tenant = ?", List.of(tenant), 0L);
                return broken(walk.checked, after + 1, "the chain ends before its head (link " + headSeq
                        + "): the last events were removed", sealedUpTo);
            }
        }
        if (checkpoint != null) {
            Object[] link = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT global_index, hash FROM ledger_chain WHERE tenant = ? AND tenant_seq = ?")) {
                ps.setString(1, tenant);
                ps.setLong(2, checkpoint.eventsSealed());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        link = new Object[] {rs.getLong(1), rs.getString(2)};
                    }
                }
            }
            String named = "the checkpoint of " + checkpoint.issuedAt() + " (position " + checkpoint.position() + ", "
                    + checkpoint.eventsSealed() + " events, " + checkpoint.headHash() + ")";
            if (link == null) {
                return broken(walk.checked, checkpoint.position(), "the chain no longer reaches " + named, sealedUpTo);
            }
            if ((Long) link[0] != checkpoint.position() || !("sha256:" + link[1]).equals(checkpoint.headHash())) {
                return broken(walk.checked, checkpoint.position(), "the chain does not pass through " + named
                        + ": it was rewritten at or before that point", sealedUpTo);
            }
        }
        String head = walk.previous == null ? LedgerHash.GENESIS : walk.previous;
        return new Verification(true, walk.checked, "sha256:" + head, null, null, sealedUpTo);
    }

    /**
     * The merge of the tenant's links (in chain order) with its stored events (in global order): each link must stand
     * on its event, each event must have its link, and each hash must follow from the one before and the event.
     */
    private static final class Walk {
        long checked;
        long lastSeq = -1;
        long lastIndex = -1;
        String previous;
        Verification broken;

        void run(ResultSet chain, ResultSet event, boolean fromStart) throws SQLException {
            boolean moreEvents = event.next();
            while (chain.next()) {
                long seq = chain.getLong("tenant_seq");
                long index = chain.getLong("global_index");
                String prev = chain.getString("previous_hash");
                if (moreEvents && event.getLong("global_index") < index) {
                    broken = broken(checked, event.getLong("global_index"), "this event is not in the chain");
                    return;
                }
                if (previous == null) {
                    // the first link of the range: it must start at genesis or follow on from the link before it
                    if (fromStart && seq != 1) {
                        broken = broken(checked, index, "a link of the chain is missing before this position");
                        return;
                    }
                    if (seq == 1 && !LedgerHash.GENESIS.equals(prev)) {
                        broken = broken(checked, index, "the first event does not start the chain");
                        return;
                    }
                    previous = prev;
                    lastSeq = seq - 1;
                }
                if (seq != lastSeq + 1) {
                    broken = broken(checked, index, "a link of the chain is missing before this position");
                    return;
                }
                if (index <= lastIndex) {
                    broken = broken(checked, index, "the chain's order differs from the store's");
                    return;
                }
                if (!previous.equals(prev)) {
                    broken = broken(checked, index, "the previous hash does not match the event before it");
                    return;
                }
                if (!moreEvents || event.getLong("global_index") != index) {
                    broken = broken(checked, index, "the event at this position is missing from the event store");
                    return;
                }
                if (!event.getString("event_identifier").equals(chain.getString("event_identifier"))) {
                    broken = broken(checked, index, "another event stands at this position");
                    return;
                }
                String hash = LedgerHash.next(previous, stored(event));
                if (!hash.equals(chain.getString("hash"))) {
                    broken = broken(checked, index, "the stored event differs from what was chained (payload, metadata or order)");
                    return;
                }
                checked++;
                previous = hash;
                lastSeq = seq;
                lastIndex = index;
                moreEvents = event.next();
            }
            if (moreEvents) {
                broken = broken(checked, event.getLong("global_index"), "this event is not in the chain");
            }
        }
    }

    private static Verification broken(long checked, long position, String reason) {
        return new Verification(false, checked, null, position, reason, 0);
    }

    private static Verification broken(long checked, long position, String reason, long sealedUpTo) {
        return new Verification(false, checked, null, position, reason, sealedUpTo);
    }

    private static PreparedStatement cursor(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setFetchSize(FETCH);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    @SuppressWarnings("unchecked")
    private static <T> T single(Connection c, String sql, List<Object> args, T otherwise) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                Object value = rs.next() ? rs.getObject(1) : null;
                return value == null ? otherwise : (T) value;
            }
        }
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
        e.put("eventId", rs.getString("event_identifier"));
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
        // sealed into the tenant's chain within a second of its commit; until then no hash
        String hash = rs.getString("hash");
        e.put("sealed", hash != null);
        e.put("hash", hash == null ? null : "sha256:" + hash);
        e.put("previousHash", hash == null ? null : "sha256:" + rs.getString("previous_hash"));
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
            StringBuilder sql = new StringBuilder(SELECT);
            List<Object> args = new ArrayList<>(List.of(f.tenant()));
            where(f, sql, args);
            sql.append(" ORDER BY e.global_index");
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
