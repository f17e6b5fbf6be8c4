package uz.hisob.command.onec.commerceml;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The CommerceML exchange's sessions and uploaded files ({@code onec_exchange_*}, V22), in the events database so any
 * instance behind a load balancer can take any call of an exchange. A file is read back as one stream over its chunks,
 * fetched one at a time: never the whole file in memory.
 */
@Component
public class CommerceMlFiles {

    /** A session: whose project it is. */
    public record Session(String id, String tenant, String projectId) {
    }

    private final JdbcTemplate jdbc;

    public CommerceMlFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Session open(String tenant, String projectId) {
        jdbc.update("DELETE FROM onec_exchange_sessions WHERE created_at < now() - interval '1 day'");
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO onec_exchange_sessions (id, tenant, project_id) VALUES (?, ?, ?)", id, tenant, projectId);
        return new Session(id, tenant, projectId);
    }

    public Optional<Session> session(String id) {
        return jdbc.query("SELECT id, tenant, project_id FROM onec_exchange_sessions WHERE id = ?",
                (rs, n) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3)), id).stream().findFirst();
    }

    /** {@code init}: a new exchange in the session, its earlier files gone. */
    public void clear(String sessionId) {
        jdbc.update("DELETE FROM onec_exchange_files WHERE session_id = ?", sessionId);
        jdbc.update("DELETE FROM onec_exchange_imports WHERE session_id = ?", sessionId);
    }

    public void append(String sessionId, String filename, byte[] chunk) {
        jdbc.update("INSERT INTO onec_exchange_files (session_id, filename, data) VALUES (?, ?, ?)", sessionId, filename, chunk);
        jdbc.update("DELETE FROM onec_exchange_imports WHERE session_id = ? AND filename = ?", sessionId, filename);
    }

    /** The names of the files uploaded in the session. */
    public List<String> names(String sessionId) {
        return jdbc.queryForList("SELECT DISTINCT filename FROM onec_exchange_files WHERE session_id = ? ORDER BY filename", String.class, sessionId);
    }

    /** The file as one stream over its chunks, in the order they came. */
    public InputStream read(String sessionId, String filename) {
        List<Long> chunks = jdbc.queryForList("SELECT seq FROM onec_exchange_files WHERE session_id = ? AND filename = ? ORDER BY seq",
                Long.class, sessionId, filename);
        Iterator<Long> next = chunks.iterator();
        return new SequenceInputStream(new java.util.Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                byte[] data = jdbc.queryForObject("SELECT data FROM onec_exchange_files WHERE session_id = ? AND seq = ?", byte[].class,
                        sessionId, next.next());
                return new ByteArrayInputStream(data);
            }
        });
    }

    /** How many items of the file earlier imports applied, and whether it is done. */
    public long[] progress(String sessionId, String filename) {
        return jdbc.query("SELECT applied, done FROM onec_exchange_imports WHERE session_id = ? AND filename = ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0}, sessionId, filename).stream().findFirst().orElse(new long[] {0, 0});
    }

    public void progressed(String sessionId, String filename, long applied, boolean done) {
        jdbc.update("""
                INSERT INTO onec_exchange_imports (session_id, filename, applied, done) VALUES (?, ?, ?, ?)
                ON CONFLICT (session_id, filename) DO UPDATE SET applied = EXCLUDED.applied, done = EXCLUDED.done""",
                sessionId, filename, applied, done);
    }
}
