package uz.hisob.command.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.hisob.platform.axon.LedgerHash;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seals committed events into their tenants' hash chains (audit.md), after the commands' commits and in global
 * order, so that no lock serializes a tenant's commands. One sealer works at a time, whichever instance holds the
 * advisory lock of the round; each round, in one transaction:
 * <ol>
 *   <li>reads the events above {@code ledger_seal.sealed_upto}, oldest first;</li>
 *   <li>links them, tenant by tenant, onto the heads in {@code ledger_head}, up to the first <em>gap</em>;</li>
 *   <li>moves {@code sealed_upto} to the last event linked.</li>
 * </ol>
 * A gap is a global index below a committed event that is not visible (yet). Its transaction may still be running
 * (a slow command) or may have rolled back (a refused append). It is never skipped while it may still commit: when
 * the gap is first seen, the sealer notes every transaction that holds a write lock on the event table (a transaction
 * takes it before it draws an index from the sequence, so the one holding the gap's index is among them, unless it
 * has already ended). Once all of those have ended, an index still missing was rolled back, and is passed over.
 *
 * <p>The rounds run every {@code hisob.ledger.seal-interval}, at once again while there is more to seal. Checkpoints
 * are issued by {@link Checkpoints} between rounds, by the sealer that holds the lock.
 */
@Component
public class LedgerSealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerSealer.class);
    /** The advisory lock only one sealer holds at a time (any number of command-service instances). */
    private static final long LOCK = 0x4869736f624c6564L; // "HisobLed"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Checkpoints checkpoints;
    private final Duration interval;
    private final int batch;
    /** Gaps seen and not yet resolved: index → the transactions that could still commit it. */
    private final TreeMap<Long, Object[]> pendingGaps = new TreeMap<>();
    private final AtomicLong unsealed = new AtomicLong();
    private final AtomicLong sealedUpTo = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean running;

    public LedgerSealer(JdbcTemplate jdbc, PlatformTransactionManager transactions, Checkpoints checkpoints, MeterRegistry meters,
                        @Value("${hisob.ledger.seal-interval:PT0.1S}") Duration interval,
                        @Value("${hisob.ledger.seal-batch:5000}") int batch) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.checkpoints = checkpoints;
        this.interval = interval;
        this.batch = batch;
        Gauge.builder("hisob.ledger.unsealed", unsealed, AtomicLong::get)
                .description("Committed events the last sealing round read and could not seal yet (a gap before them)")
                .register(meters);
        Gauge.builder("hisob.ledger.sealed.position", sealedUpTo, AtomicLong::get)
                .description("Global index up to which every event is sealed into its tenant's chain")
                .register(meters);
    }

    /** One round (also called by tests and benchmarks); answers how many events it sealed, or -1 without the lock. */
    public int sealOnce() {
        Integer sealed = tx.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return -1;
            }
            return round();
        });
        return sealed == null ? 0 : sealed;
    }

    private record Row(long index, String tenant, LedgerHash.StoredEvent event) {
    }

    private record Head(long seq, String hash, long index) {
    }

    private int round() {
        long watermark = jdbc.queryForObject("SELECT sealed_upto FROM ledger_seal WHERE id = 1", Long.class);
        pendingGaps.headMap(watermark, true).clear();
        // gaps whose possible writers have all ended since they were seen: still missing in the read below = rolled back
        List<Long> resolved = new ArrayList<>();
        Map<Object, Boolean> ended = new HashMap<>();
        pendingGaps.forEach((index, writers) -> {
            if (ended.computeIfAbsent(writers, w -> Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid = ANY (?))",
                    Boolean.class, (Object) writers)))) {
                resolved.add(index);
            }
        });
        List<Row> rows = jdbc.query("SELECT global_index, event_tenant(meta_data), event_identifier, payload_type, payload_revision, "
                        + "aggregate_identifier, sequence_number, time_stamp, meta_data, payload FROM domain_event_entry "
                        + "WHERE global_index > ? ORDER BY global_index LIMIT ?",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), new LedgerHash.StoredEvent(rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10))),
                watermark, batch);
        if (rows.isEmpty()) {
            unsealed.set(0);
            sealedUpTo.set(watermark);
            return 0;
        }
        // the events that can be sealed now: up to the first gap that may still be filled; a gap that was rolled back
        // is passed over (and moves the mark with it)
        long mark = watermark;
        long previous = watermark;
        int sealable = 0;
        boolean blocked = false;
        List<Long> newGaps = new ArrayList<>();
        for (Row row : rows) {
            for (long missing = previous + 1; missing < row.index(); missing++) {
                if (resolved.contains(missing)) {
                    if (!blocked) {
                        mark = missing;
                    }
                    continue;
                }
                if (!pendingGaps.containsKey(missing)) {
                    newGaps.add(missing);
                }
                blocked = true;
            }
            if (!blocked) {
                sealable++;
                mark = row.index();
            }
            previous = row.index();
        }
        if (!newGaps.isEmpty()) {
            // taken after the read that showed the gaps: a writer that committed before this is visible to the next read
            String[] writers = jdbc.queryForObject("SELECT COALESCE(array_agg(DISTINCT l.virtualtransaction), '{}') FROM pg_locks l "
                    + "WHERE l.locktype = 'relation' AND l.relation = 'domain_event_entry'::regclass "
                    + "AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()", (rs, i) -> (String[]) rs.getArray(1).getArray());
            for (long gap : newGaps) {
                pendingGaps.put(gap, writers);
            }
        }
        pendingGaps.headMap(mark, true).clear();
        List<Row> toSeal = rows.subList(0, sealable);
        link(toSeal, watermark);
        if (mark > watermark) {
            jdbc.update("UPDATE ledger_seal SET sealed_upto = ? WHERE id = 1", mark);
        }
        unsealed.set(rows.size() - sealable);
        sealedUpTo.set(mark);
        return sealable;
    }

    /** Chains the rows (in global order) onto their tenants' heads; rows already chained (by an older writer) are kept. */
    private void link(List<Row> rows, long watermark) {
        if (rows.isEmpty()) {
            return;
        }
        Map<Long, Object[]> chainedBefore = new HashMap<>();
        jdbc.query("SELECT global_index, tenant, tenant_seq, hash FROM ledger_chain WHERE global_index > ? AND global_index <= ?",
                rs -> {
                    chainedBefore.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getLong(3), rs.getString(4)});
                }, watermark, rows.getLast().index());
        List<String> tenants = rows.stream().map(Row::tenant).filter(t -> t != null).distinct().toList();
        Map<String, Head> heads = new LinkedHashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT tenant, tenant_seq, hash, global_index FROM ledger_head WHERE tenant = ANY (?)");
            ps.setArray(1, con.createArrayOf("varchar", tenants.toArray()));
            return ps;
        }, rs -> {
            heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getString(3), rs.getLong(4)));
        });
        List<Object[]> links = new ArrayList<>();
        for (Row row : rows) {
            if (row.tenant() == null) {
                continue; // an event of no tenant is in no tenant's chain
            }
            Head head = heads.getOrDefault(row.tenant(), new Head(0, LedgerHash.GENESIS, 0));
            Object[] before = chainedBefore.get(row.index());
            if (before != null) {
                heads.put((String) before[0], new Head((Long) before[1], (String) before[2], row.index()));
                continue;
            }
            String hash = LedgerHash.next(head.hash(), row.event());
            links.add(new Object[] {row.tenant(), head.seq() + 1, row.index(), row.event().eventIdentifier(), hash, head.hash()});
            heads.put(row.tenant(), new Head(head.seq() + 1, hash, row.index()));
        }
        if (!links.isEmpty()) {
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("INSERT INTO ledger_chain (tenant, tenant_seq, global_index, event_identifier, "
                        + "hash, previous_hash) SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::char(64)[], ?::char(64)[])");
                for (int column = 0; column < 6; column++) {
                    ps.setArray(column + 1, column(con, links, column));
                }
                return ps;
            });
        }
        List<Object[]> moved = heads.entrySet().stream()
                .map(e -> new Object[] {e.getKey(), e.getValue().seq(), e.getValue().hash(), e.getValue().index()}).toList();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO ledger_head (tenant, tenant_seq, hash, global_index) "
                    + "SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::char(64)[], ?::bigint[]) ON CONFLICT (tenant) DO UPDATE "
                    + "SET tenant_seq = EXCLUDED.tenant_seq, hash = EXCLUDED.hash, global_index = EXCLUDED.global_index");
            for (int column = 0; column < 4; column++) {
                ps.setArray(column + 1, column(con, moved, column));
            }
            return ps;
        });
    }

    private static Array column(Connection con, List<Object[]> rows, int column) throws SQLException {
        Object first = rows.getFirst()[column];
        Object[] values = first instanceof Long ? new Long[rows.size()] : new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            values[i] = rows.get(i)[column];
        }
        return con.createArrayOf(first instanceof Long ? "bigint" : "varchar", values);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private void loop() {
        Duration backOff = interval;
        long quietSince = System.nanoTime();
        while (running) {
            try {
                int sealed = sealOnce();
                checkpoints.issueDue();
                backOff = interval;
                if (sealed >= batch) {
                    continue; // more to seal at once
                }
                if (unsealed.get() > 0 && Duration.ofNanos(System.nanoTime() - quietSince).toSeconds() >= 5) {
                    log.warn("The ledger waits for a transaction that holds global index {} (still open after 5 s); "
                            + "events after it are not sealed yet", pendingGaps.isEmpty() ? "?" : pendingGaps.firstKey());
                    quietSince = System.nanoTime();
                } else if (unsealed.get() == 0) {
                    quietSince = System.nanoTime();
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Sealing the ledger failed, retrying in {}: {}", backOff, e.toString());
                }
                backOff = Duration.ofMillis(Math.min(backOff.toMillis() * 2, 2000));
            }
            try {
                Thread.sleep(backOff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("ledger-sealer").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
