package uz.hisob.command.onec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What each item last received from 1C was ({@code onec_item_hashes}, V18): the hash of its content and the version
 * of the aggregate it left. An item that comes again with the same hash, to an aggregate still at that version, is
 * unchanged without loading the aggregate; one whose aggregate changed since (an edit in Hisob) is decided by the
 * aggregate again. Written in the transaction of the page.
 */
@Component
public class OnecItemHashes {

    /** An item's last content hash, the Hisob id it maps to, the version of that aggregate then. */
    public record Seen(String hisobId, String hash, long version) {
    }

    private final JdbcTemplate jdbc;

    public OnecItemHashes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Seen> seen(String tenant, String projectId, String entity, Collection<String> codes) {
        Map<String, Seen> seen = new HashMap<>();
        jdbc.query("SELECT code, hisob_id, hash, version FROM onec_item_hashes WHERE tenant = ? AND project_id = ? AND entity = ? AND code = ANY(?)",
                rs -> {
                    seen.put(rs.getString(1), new Seen(rs.getString(2), rs.getString(3), rs.getLong(4)));
                }, tenant, projectId, entity, codes.toArray(String[]::new));
        return seen;
    }

    /** The current version (last sequence number) of each of these aggregates that exists. */
    public Map<String, Long> versions(Collection<String> aggregateIds) {
        Map<String, Long> versions = new HashMap<>();
        jdbc.query("SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ANY(?) GROUP BY 1",
                rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                }, (Object) aggregateIds.toArray(String[]::new));
        return versions;
    }

    public void saw(String tenant, String projectId, String entity, String code, String hisobId, String hash, long version) {
        jdbc.update("""
                INSERT INTO onec_item_hashes (tenant, project_id, entity, code, hisob_id, hash, version) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant, project_id, entity, code) DO UPDATE SET hisob_id = EXCLUDED.hisob_id, hash = EXCLUDED.hash,
                    version = EXCLUDED.version""", tenant, projectId, entity, code, hisobId, hash, version);
    }

    /** A content hash (SHA-256, hex) of an item's canonical text. */
    public static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
