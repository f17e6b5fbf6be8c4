package uz.hisob.bench;

import uz.hisob.bench.ClosedLoop.Outcome;
import uz.hisob.bench.ClosedLoop.Worker;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 4: {@code GET /api/kitchens/{k}/stock} and {@code GET /api/kitchens/{k}/servings} (first page, 50 of
 * the kitchen's servings, newest first) over HTTP, 32 connections, closed loop, spread over the fixture's read
 * kitchens; against raw JDBC on {@code hisob_query}, 32 connections (autocommit, as the service's R2DBC reads): the
 * SELECT that {@code KitchenReads} issues for the same request (one per request when the page has rows: the kitchen
 * check and the count only run for an empty page), by the same keys, every column of every row read.
 */
public final class ReadScenario implements Scenario {

    static final int CONNECTIONS = 32;
    static final int PAGE_SIZE = 50;

    static final String STOCK_SQL = "SELECT id, name, stock_grams AS grams, min_stock_grams FROM kitchen_ingredient "
            + "WHERE tenant = ? AND kitchen_id = ? ORDER BY id";
    static final String SERVINGS_PAGE_SQL = "SELECT id, meal_id, meal_name, portions, served_by, served_at, recipe_version, "
            + "deducted::text AS deducted, count(*) OVER () AS total FROM kitchen_serving WHERE tenant = ? AND kitchen_id = ? "
            + "ORDER BY served_at DESC, id DESC LIMIT ? OFFSET ?";

    @Override
    public String name() {
        return "4 Reads";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        List<String> kitchens = ctx.fixture().readKitchens();
        String tenant = ctx.api().tenant();

        Outcome stock = ClosedLoop.run("get-stock", CONNECTIONS,
                i -> get(ctx.api(), "/api/kitchens/" + kitchens.get(i % kitchens.size()) + "/stock"), o.warmup(), o.measure(), ctx.cpu());
        Outcome stockRef = ClosedLoop.run("ref-stock", CONNECTIONS, i -> jdbc(ctx.queryDb(), tenant, kitchens.get(i % kitchens.size()),
                false), o.warmup(), o.measure(), ctx.cpu());
        Outcome servings = ClosedLoop.run("get-servings", CONNECTIONS,
                i -> get(ctx.api(), "/api/kitchens/" + kitchens.get(i % kitchens.size()) + "/servings"), o.warmup(), o.measure(), ctx.cpu());
        Outcome servingsRef = ClosedLoop.run("ref-servings", CONNECTIONS, i -> jdbc(ctx.queryDb(), tenant, kitchens.get(i % kitchens.size()),
                true), o.warmup(), o.measure(), ctx.cpu());

        List<Result> rows = new ArrayList<>();
        String s = "4 GET stock (" + Fixture.READ_INGREDIENTS + " items), 32 connections";
        rows.add(Result.ratio(s, "throughput", stock.perSecond(), "req/s", stockRef.perSecond(), Target.ratioAtLeast(0.2), stock.note()));
        ServeMealScenario.latencies(rows, s, stock, stockRef);
        rows.add(ctx.cpuPerOp(s, "query-service", stock, 1.5));
        rows.add(Result.bounded(s, "load generator CPU per request", stock.cpuMicrosPerOp(ClosedLoop.Outcome.WORKERS), "µs", Target.atMost(60), ""));
        String v = "4 GET servings (page of " + PAGE_SIZE + " of " + Fixture.READ_SERVINGS + "), 32 connections";
        rows.add(Result.ratio(v, "throughput", servings.perSecond(), "req/s", servingsRef.perSecond(), Target.ratioAtLeast(0.2), servings.note()));
        ServeMealScenario.latencies(rows, v, servings, servingsRef);
        rows.add(ctx.cpuPerOp(v, "query-service", servings, null));
        rows.add(Result.info("4 reference: JDBC SELECTs of stock, 32 connections", "throughput", stockRef.perSecond(), "req/s", null,
                stockRef.note()));
        rows.add(Result.info("4 reference: JDBC SELECTs of servings, 32 connections", "throughput", servingsRef.perSecond(), "req/s", null,
                servingsRef.note()));
        return rows;
    }

    private static Worker get(Api api, String path) {
        return api.prepared(false, "GET", path, null, 200, true);
    }

    private static Worker jdbc(Database db, String tenant, String kitchen, boolean servings) throws SQLException {
        Connection c = db.connect();
        PreparedStatement items = c.prepareStatement(servings ? SERVINGS_PAGE_SQL : STOCK_SQL);
        return new Worker() {
            @Override
            public boolean call() throws SQLException {
                items.setString(1, tenant);
                items.setString(2, kitchen);
                if (servings) {
                    items.setInt(3, PAGE_SIZE);
                    items.setInt(4, 0);
                }
                return readAll(items) > 0;
            }

            @Override
            public void close() throws SQLException {
                c.close();
            }
        };
    }

    /** Executes {@code query} and reads every column of every row, as the service maps them; answers the row count. */
    private static int readAll(PreparedStatement query) throws SQLException {
        int rows = 0;
        try (ResultSet rs = query.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }
}
