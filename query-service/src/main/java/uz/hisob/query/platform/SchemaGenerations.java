package uz.hisob.query.platform;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generations of a PostgreSQL read model (V7, V15): each one a schema {@code <prefix>_rm_<n>} with the same tables;
 * the names reads and the live projection use are views in {@code public} onto the active one. A rebuild's handlers
 * run with the new schema first on the transaction's search path, so a projection's SQL is the same code for both.
 * A context's read model extends this with its tables and its handlers for a rebuild.
 */
public abstract class SchemaGenerations implements RebuildTarget {

    protected final JdbcTemplate jdbc;
    private final String projection;
    private final String prefix;
    private final List<String> tables;
    private final Set<String> bulk;

    /**
     * {@code bulk}: the tables that grow with every event, written without keys and indexes during a rebuild and
     * indexed once at its end.
     */
    protected SchemaGenerations(JdbcTemplate jdbc, String projection, String prefix, List<String> tables, Set<String> bulk) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.prefix = prefix;
        this.tables = List.copyOf(tables);
        this.bulk = Set.copyOf(bulk);
    }

    public String schema(int generation) {
        return prefix + "_rm_" + generation;
    }

    public List<String> tables() {
        return tables;
    }

    @Override
    public String projection() {
        return projection;
    }

    @Override
    public int activeGeneration() {
        List<Integer> g = jdbc.queryForList("SELECT generation FROM projection_generation WHERE projection = ?", Integer.class, projection);
        return g.isEmpty() ? 1 : g.getFirst();
    }

    /** Empties the active generation's tables: a replay from the first event follows ({@code @ResetHandler}). */
    public void truncateActive() {
        String schema = schema(activeGeneration());
        jdbc.update("TRUNCATE " + String.join(", ", tables.stream().map(t -> schema + "." + t).toList()));
    }

    @Override
    public void prepare(int generation) {
        String from = schema(activeGeneration());
        String to = schema(generation);
        jdbc.execute("DROP SCHEMA IF EXISTS " + to + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + to);
        for (String table : tables) {
            // the same columns, defaults, keys and indexes as the active generation's table; the bulk tables' keys and
            // indexes come once the rows are in (caughtUp)
            jdbc.execute("CREATE TABLE " + to + "." + table + " (LIKE " + from + "." + table + " INCLUDING ALL"
                    + (bulk.contains(table) ? " EXCLUDING INDEXES)" : ")"));
        }
    }

    /**
     * The bulk tables' keys and indexes, as the active generation's, built from their rows: a rebuild that kept them up
     * row by row spent half its time waiting for PostgreSQL to do so (flight recording of scenario 5: 6.8 s of 14.0 s
     * in COPY).
     */
    @Override
    public void caughtUp(int generation) {
        String from = schema(activeGeneration());
        String to = schema(generation);
        for (String table : bulk) {
            List<Map<String, Object>> constraints = jdbc.queryForList("SELECT c.conname, pg_get_constraintdef(c.oid) AS def "
                    + "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    + "WHERE n.nspname = ? AND t.relname = ? AND c.contype IN ('p', 'u', 'x') ORDER BY c.conname", from, table);
            for (Map<String, Object> c : constraints) {
                jdbc.execute("ALTER TABLE " + to + "." + table + " ADD CONSTRAINT " + c.get("conname") + " " + c.get("def"));
            }
            List<String> indexes = jdbc.queryForList("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    + "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    + "WHERE n.nspname = ? AND t.relname = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1", String.class, from, table);
            for (String index : indexes) {
                String on = " ON " + from + "." + table + " ";
                if (!index.contains(on)) {
                    throw new IllegalStateException("Cannot read the index definition " + index + " of " + from + "." + table);
                }
                jdbc.execute(index.replace(on, " ON " + to + "." + table + " "));
            }
        }
    }

    @Override
    public TransactionManager transactionManager(int generation, TransactionManager base) {
        String path = "SET LOCAL search_path TO " + schema(generation) + ", public";
        return () -> {
            Transaction tx = base.startTransaction();
            jdbc.execute(path);
            return tx;
        };
    }

    @Override
    public void switchTo(int generation) {
        String to = schema(generation);
        for (String table : tables) {
            jdbc.execute("CREATE OR REPLACE VIEW public." + table + " AS SELECT * FROM " + to + "." + table);
        }
        jdbc.update("UPDATE projection_generation SET generation = ?, switched_at = now() WHERE projection = ?", generation, projection);
    }

    @Override
    public void dropAllExcept(Set<Integer> keep) {
        int active = activeGeneration();
        List<String> schemas = jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname ~ ?", String.class,
                "^" + prefix + "_rm_[0-9]+$");
        for (String s : schemas) {
            int g = Integer.parseInt(s.substring((prefix + "_rm_").length()));
            if (g != active && !keep.contains(g)) {
                jdbc.execute("DROP SCHEMA " + s + " CASCADE");
            }
        }
    }
}
