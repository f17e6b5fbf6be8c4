package uz.hisob.query.kitchen.projection;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.query.platform.RebuildTarget;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generations of the kitchen read model (V7): each one a schema {@code kitchen_rm_<n>} with the same tables; the
 * names reads and the live projection use are views in {@code public} onto the active one. A rebuild's handlers run
 * with the new schema first on the transaction's search path, so the projection's SQL is the same code for both.
 */
@Component
class KitchenRebuildTarget implements RebuildTarget {

    static final List<String> TABLES = List.of("kitchen", "kitchen_ingredient", "kitchen_meal", "kitchen_stock_movement",
            "kitchen_serving", "kitchen_alert");
    /** The tables that grow with every event: written without keys and indexes during a rebuild, indexed once at its end. */
    static final Set<String> BULK = Set.of("kitchen_stock_movement", "kitchen_serving");

    private final JdbcTemplate jdbc;
    private final KitchenProjection projection;

    KitchenRebuildTarget(JdbcTemplate jdbc, KitchenProjection projection) {
        this.jdbc = jdbc;
        this.projection = projection;
    }

    static String schema(int generation) {
        return "kitchen_rm_" + generation;
    }

    @Override
    public String projection() {
        return KitchenProjection.NAME;
    }

    @Override
    public int activeGeneration() {
        Integer g = jdbc.queryForObject("SELECT generation FROM projection_generation WHERE projection = ?", Integer.class,
                KitchenProjection.NAME);
        return g == null ? 1 : g;
    }

    @Override
    public void prepare(int generation) {
        String from = schema(activeGeneration());
        String to = schema(generation);
        jdbc.execute("DROP SCHEMA IF EXISTS " + to + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + to);
        for (String table : TABLES) {
            // the same columns, defaults, keys and indexes as the active generation's table; the bulk tables' keys and
            // indexes come once the rows are in (caughtUp)
            jdbc.execute("CREATE TABLE " + to + "." + table + " (LIKE " + from + "." + table + " INCLUDING ALL"
                    + (BULK.contains(table) ? " EXCLUDING INDEXES)" : ")"));
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
        for (String table : BULK) {
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
    public Object handler(int generation) {
        return projection.forRebuild();
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
        for (String table : TABLES) {
            jdbc.execute("CREATE OR REPLACE VIEW public." + table + " AS SELECT * FROM " + to + "." + table);
        }
        jdbc.update("UPDATE projection_generation SET generation = ?, switched_at = now() WHERE projection = ?",
                generation, KitchenProjection.NAME);
    }

    @Override
    public void dropAllExcept(Set<Integer> keep) {
        int active = activeGeneration();
        List<String> schemas = jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname ~ '^kitchen_rm_[0-9]+$'", String.class);
        for (String s : schemas) {
            int g = Integer.parseInt(s.substring("kitchen_rm_".length()));
            if (g != active && !keep.contains(g)) {
                jdbc.execute("DROP SCHEMA " + s + " CASCADE");
            }
        }
    }
}
