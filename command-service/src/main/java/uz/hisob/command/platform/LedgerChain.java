package uz.hisob.command.platform;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.platform.axon.LedgerHash;

import java.util.List;

/**
 * Writes the per-tenant hash chain in the transaction that appends the events. {@link #lock} takes the tenant's head
 * row before the events are appended (so concurrent writers, on any number of instances, queue on one row and never
 * deadlock against each other's event inserts); {@link #link} then chains the appended events in position order.
 */
@Component
public class LedgerChain {

    private final JdbcTemplate jdbc;

    public LedgerChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void lock(String tenant) {
        jdbc.update("INSERT INTO ledger_head (tenant, tenant_seq, hash) VALUES (?, 0, ?) ON CONFLICT (tenant) DO NOTHING",
                tenant, LedgerHash.GENESIS);
        jdbc.queryForObject("SELECT tenant_seq FROM ledger_head WHERE tenant = ? FOR UPDATE", Long.class, tenant);
    }

    public void link(String tenant, List<String> eventIds) {
        Object[] head = jdbc.queryForObject("SELECT tenant_seq, hash FROM ledger_head WHERE tenant = ?",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}, tenant);
        long seq = (Long) head[0];
        String previous = (String) head[1];
        List<Object[]> rows = jdbc.query("SELECT global_index, event_identifier, payload_type, payload_revision, aggregate_identifier, "
                        + "sequence_number, time_stamp, meta_data, payload FROM domain_event_entry WHERE event_identifier = ANY (?) "
                        + "ORDER BY global_index",
                (rs, i) -> new Object[] {rs.getLong(1), new LedgerHash.StoredEvent(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9))},
                (Object) eventIds.toArray(new String[0]));
        for (Object[] row : rows) {
            LedgerHash.StoredEvent e = (LedgerHash.StoredEvent) row[1];
            String hash = LedgerHash.next(previous, e);
            seq++;
            jdbc.update("INSERT INTO ledger_chain (tenant, tenant_seq, global_index, event_identifier, hash, previous_hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", tenant, seq, row[0], e.eventIdentifier(), hash, previous);
            previous = hash;
        }
        jdbc.update("UPDATE ledger_head SET tenant_seq = ?, hash = ? WHERE tenant = ?", seq, previous, tenant);
    }
}
