package uz.hisob.query.platform;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Rows written with PostgreSQL's {@code COPY … FROM STDIN} in the transaction of the given template (its connection
 * bound to the current transaction, as a projection's JDBC is), for the bulk of a rebuild: a row costs the server a
 * fraction of a prepared {@code INSERT}'s execution. {@code COPY} cannot write through a view, so the table must be a
 * table on the search path (a rebuild's generation schema), not one of the views the live names are.
 * <p>
 * Values in the text format: {@code null} as {@code \N}, timestamps as ISO-8601 instants, numbers and booleans as
 * written, strings with backslash, tab, newline and carriage return escaped.
 */
public final class CopyRows {

    private CopyRows() {
    }

    /** Writes {@code rows} (each in the order of {@code columns}) into {@code table}; answers the rows written. */
    public static long into(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder text = new StringBuilder(rows.size() * 96);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("A row of " + row.length + " values for " + columns.size() + " columns of " + table);
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        Long written = jdbc.execute((Connection c) -> {
            try {
                return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.toString()));
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException("COPY into " + table + " failed", e);
            }
        });
        return written == null ? 0 : written;
    }

    static void append(StringBuilder text, Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case Timestamp t -> text.append(t.toInstant());
            case Instant t -> text.append(t);
            case Number n -> text.append(n);
            case Boolean b -> text.append(b);
            default -> escape(text, value.toString());
        }
    }

    private static void escape(StringBuilder text, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
