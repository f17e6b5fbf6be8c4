package uz.hisob.command.platform;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link RecordIds} as rows of {@code record_ids}, written in the command's transaction: a claim commits with the
 * command's events or not at all, and a concurrent claim of the same id waits for the first to end, then loses.
 */
@Component
public class JdbcRecordIds implements RecordIds {

    private final JdbcTemplate jdbc;

    public JdbcRecordIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String aggregateId, String recordId) {
        return jdbc.update("INSERT INTO record_ids (aggregate_identifier, record_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                aggregateId, recordId) == 1;
    }
}
