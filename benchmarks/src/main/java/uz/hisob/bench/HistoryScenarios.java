package uz.hisob.bench;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import uz.hisob.api.TenantScoped;
import uz.hisob.bench.history.HistoryWriter;
import uz.hisob.platform.axon.AxonCommonConfig;
import uz.hisob.platform.axon.LedgerHash;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenarios over long histories, which the API could not write in the time of a run: they are written straight into
 * the event store by {@link HistoryWriter} (the command side's serializer, layout and hash chain).
 * <ul>
 * <li>2: recomputing one month of a kitchen with ~100 000 events (10 000 in the quick run) over HTTP, against a raw
 *     JDBC scan of the same events with the same deserialization; the ledger verification over all the tenant's
 *     events; the live projection's catch-up over the written events;</li>
 * <li>5: a background rebuild of the kitchen read model from every event in the store, against a raw JDBC scan of the
 *     whole event table with the same deserialization.</li>
 * </ul>
 */
final class HistoryScenarios {

    static final ZoneId ZONE = ZoneId.of("Asia/Tashkent");

    private HistoryScenarios() {
    }

    static DataSource dataSource(Database db) {
        return new DriverManagerDataSource(db.url(), db.username(), db.password());
    }

    /** Waits until the kitchen processor has applied everything in the store; answers the seconds it took. */
    static double awaitCaughtUp(BenchContext ctx, Duration max) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            JsonNode page = ctx.operator().query("/api/admin/projections");
            boolean caughtUp = true;
            for (JsonNode p : page.get("items")) {
                caughtUp &= p.get("lag").asLong() == 0 && !p.get("replaying").asBoolean();
            }
            if (caughtUp) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() - start > max.toNanos()) {
                throw new IllegalStateException("the projections did not catch up within " + max + ": " + page);
            }
            Thread.sleep(200);
        }
    }

    static long count(BenchContext ctx) throws java.sql.SQLException {
        try (Connection c = ctx.eventsDb().connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads events with the raw JDBC driver and deserializes each payload as the services do; answers events/s. */
    static double rawScan(BenchContext ctx, String aggregateOrNull) throws Exception {
        Serializer serializer = new AxonCommonConfig().serializer();
        String sql = "SELECT payload_type, payload_revision, payload FROM domain_event_entry"
                + (aggregateOrNull == null ? " ORDER BY global_index" : " WHERE aggregate_identifier = ? ORDER BY sequence_number");
        long n = 0;
        long start = System.nanoTime();
        try (Connection c = ctx.eventsDb().connect()) {
            c.setAutoCommit(false); // a cursor, streamed in batches (the services read in batches of 1000 too)
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                if (aggregateOrNull != null) {
                    ps.setString(1, aggregateOrNull);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SerializedObject<byte[]> o = new SimpleSerializedObject<>(rs.getBytes(3), byte[].class, rs.getString(1), rs.getString(2));
                        if (serializer.deserialize(o) != null) {
                            n++;
                        }
                    }
                }
            }
            c.commit();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The rebuild's reference: every event scanned in order and deserialized as {@link #rawScan} does, and the rows the
     * kitchen read model holds for them written with COPY into copies of its tables (a serving row per
     * {@code MealServed}, a stock movement per deduction and per {@code DeliveryBooked}), committed every 50 000
     * events; with {@code indexed}, the copies then get the keys and indexes of the active generation's tables, built
     * from the rows as the rebuild builds them (PostgreSQL's advice for a bulk load), and that time counts. Answers
     * events/s and the rows written.
     */
    static double[] copyRebuild(BenchContext ctx, boolean indexed) throws Exception {
        Serializer serializer = new AxonCommonConfig().serializer();
        long rows = 0;
        long n = 0;
        try (Connection target = ctx.queryDb().connect(); Connection c = ctx.eventsDb().connect()) {
            String schema;
            try (java.sql.Statement s = target.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_ref_serving, bench_ref_movement");
                // copies of the active generation's tables, with their keys and indexes: the names in public are views,
                // and a table LIKE a view has its columns only (the reference of the runs up to 2026-12-02 wrote into
                // such unindexed copies, less work than the rebuild's, which must leave the tables indexed)
                try (ResultSet g = s.executeQuery("SELECT 'kitchen_rm_' || generation FROM projection_generation WHERE projection = 'kitchen'")) {
                    schema = g.next() ? g.getString(1) : "public";
                }
                s.execute("CREATE TABLE bench_ref_serving (LIKE " + schema + ".kitchen_serving INCLUDING ALL EXCLUDING INDEXES)");
                s.execute("CREATE TABLE bench_ref_movement (LIKE " + schema + ".kitchen_stock_movement INCLUDING ALL EXCLUDING INDEXES)");
            }
            List<String> indexing = indexed ? indexStatements(target, schema) : List.of();
            target.setAutoCommit(false);
            org.postgresql.copy.CopyManager copy = target.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            StringBuilder servings = new StringBuilder();
            StringBuilder movements = new StringBuilder();
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT payload_type, payload_revision, payload, global_index, "
                    + "event_tenant(meta_data), meta_data FROM domain_event_entry ORDER BY global_index")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(3), byte[].class, rs.getString(1), rs.getString(2)));
                        n++;
                        String tenant = rs.getString(5);
                        long position = rs.getLong(4);
                        if (event instanceof uz.hisob.events.kitchen.MealServed m) {
                            String user = Api.JSON.readTree(rs.getBytes(6)).path("user").asString("unknown");
                            servings.append(tenant).append('\t').append(m.kitchenId()).append('\t').append(m.servingId()).append('\t')
                                    .append(m.mealId()).append('\t').append(m.mealId()).append('\t').append(m.portions()).append('\t')
                                    .append(user).append('\t').append(m.servedAt()).append('\t').append(m.recipeVersion()).append('\t')
                                    .append(Api.JSON.writeValueAsString(m.deducted()).replace("\\", "\\\\")).append('\n');
                            rows++;
                            for (uz.hisob.events.kitchen.MealServed.Deduction d : m.deducted()) {
                                movements.append(tenant).append('\t').append(m.kitchenId()).append('\t').append(d.ingredientId()).append('\t')
                                        .append(m.servedAt()).append('\t').append(-d.grams()).append('\t').append(position).append('\n');
                                rows++;
                            }
                        } else if (event instanceof uz.hisob.events.kitchen.DeliveryBooked d) {
                            movements.append(tenant).append('\t').append(d.kitchenId()).append('\t').append(d.ingredientId()).append('\t')
                                    .append(d.deliveredOn()).append('\t').append(d.grams()).append('\t').append(position).append('\n');
                            rows++;
                        }
                        if (n % 50_000 == 0) {
                            flush(copy, servings, movements);
                            target.commit();
                        }
                    }
                }
            }
            flush(copy, servings, movements);
            target.commit();
            try (java.sql.Statement s = target.createStatement()) {
                for (String statement : indexing) {
                    s.execute(statement);
                }
            }
            target.commit();
            double perSecond = n / ((System.nanoTime() - start) / 1e9);
            c.commit();
            target.setAutoCommit(true);
            try (java.sql.Statement s = target.createStatement()) {
                s.execute("DROP TABLE bench_ref_serving, bench_ref_movement");
            }
            return new double[] {perSecond, rows};
        }
    }

    /** The keys and indexes of the active generation's serving and movement tables, for the reference's copies. */
    private static List<String> indexStatements(Connection c, String schema) throws Exception {
        List<String> statements = new java.util.ArrayList<>();
        for (String[] t : new String[][] {{"kitchen_serving", "bench_ref_serving"}, {"kitchen_stock_movement", "bench_ref_movement"}}) {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                    + "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    + "WHERE n.nspname = ? AND t.relname = ? AND c.contype IN ('p', 'u', 'x')")) {
                ps.setString(1, schema);
                ps.setString(2, t[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        statements.add("ALTER TABLE " + t[1] + " ADD CONSTRAINT bench_ref_" + rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    + "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? "
                    + "AND t.relname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)")) {
                ps.setString(1, schema);
                ps.setString(2, t[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        statements.add(rs.getString(1).replaceFirst("INDEX (\\S+) ON " + schema + "\\." + t[0] + " ",
                                "INDEX bench_ref_$1 ON " + t[1] + " "));
                    }
                }
            }
        }
        return statements;
    }

    private static void flush(org.postgresql.copy.CopyManager copy, StringBuilder servings, StringBuilder movements) throws Exception {
        copy.copyIn("COPY bench_ref_serving FROM STDIN", new java.io.StringReader(servings.toString()));
        copy.copyIn("COPY bench_ref_movement FROM STDIN", new java.io.StringReader(movements.toString()));
        servings.setLength(0);
        movements.setLength(0);
    }

    /**
     * The verification's reference: the tenant's events scanned in global order with a cursor (as {@code verify} reads
     * them) and hashed into a chain with the ledger's own canonical bytes ({@link LedgerHash}), nothing compared.
     */
    static double scanAndHash(BenchContext ctx, String tenant) throws Exception {
        long n = 0;
        long start = System.nanoTime();
        try (Connection c = ctx.eventsDb().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT event_identifier, payload_type, payload_revision, aggregate_identifier, "
                    + "sequence_number, time_stamp, meta_data, payload FROM domain_event_entry WHERE event_tenant(meta_data) = ? "
                    + "ORDER BY global_index")) {
                ps.setFetchSize(1000);
                ps.setString(1, tenant);
                String previous = LedgerHash.GENESIS;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        previous = LedgerHash.next(previous, new LedgerHash.StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8)));
                        n++;
                    }
                }
            }
            c.commit();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Scenario 2: report replay, plus ledger verification and the live projection's catch-up. */
    static final class Replay implements Scenario {

        @Override
        public String name() {
            return "2 Report replay";
        }

        @Override
        public List<Result> run(BenchContext ctx) throws Exception {
            List<Result> rows = new ArrayList<>();
            int events = ctx.options().quick() ? 10_000 : 100_000;
            String tenant = ctx.api().tenant();
            String kitchen = "bench-month-" + UUID.randomUUID().toString().substring(0, 8);
            YearMonth month = YearMonth.now(ZONE).minusMonths(1);

            long t0 = System.nanoTime();
            new HistoryWriter(dataSource(ctx.eventsDb())).writeKitchen(tenant, "admin", kitchen, ZONE, month, events);
            double writeS = (System.nanoTime() - t0) / 1e9;
            rows.add(Result.info("2 history", "written straight to the event store", events / writeS, "events/s", null,
                    events + " events of one kitchen in " + month + ", with the hash chain"));
            double catchUpS = awaitCaughtUp(ctx, Duration.ofMinutes(10));
            rows.add(Result.info("2 history", "live kitchen + search projections catching up", events / catchUpS, "events/s", null,
                    String.format("%.1f s for %d events (both processors, batch 100)", catchUpS, events)));

            // Hisob: POST recompute over HTTP, best of three after one warm-up
            HttpClient client = Api.newClient();
            String path = "/api/kitchens/" + kitchen + "/reports/" + month + "/recompute";
            double best = Double.MAX_VALUE;
            long replayed = 0;
            for (int i = 0; i < 4; i++) {
                long s = System.nanoTime();
                Api.Response r = ctx.api().postQuery(client, path, Map.of());
                double took = (System.nanoTime() - s) / 1e9;
                if (r.status() != 201) {
                    throw new IOException("recompute answered " + r.status() + ": " + r.body());
                }
                replayed = r.json().get("eventsReplayed").asLong();
                if (i > 0) {
                    best = Math.min(best, took);
                }
            }
            // the reference runs in this JVM: the first scans warm its JIT as the service's warmed up above
            double reference = 0;
            for (int i = 0; i < 4; i++) {
                reference = Math.max(reference, rawScan(ctx, TenantScoped.aggregateId(tenant, kitchen)));
            }
            rows.add(Result.ratio("2 report replay", "recompute one month of one kitchen", replayed / best, "events/s",
                    reference, Target.ratioAtLeast(0.6), String.format("%d events, %.0f ms per recompute over HTTP (best of 3)", replayed, best * 1000)));

            // the auditor's ledger verification over every event of the tenant
            long s = System.nanoTime();
            JsonNode verified = ctx.api().query("/api/ledger/verify");
            double verifyS = (System.nanoTime() - s) / 1e9;
            if (!verified.get("verified").asBoolean()) {
                throw new IllegalStateException("the ledger did not verify: " + verified);
            }
            long checked = verified.get("eventsChecked").asLong();
            double hashReference = Math.max(scanAndHash(ctx, tenant), scanAndHash(ctx, tenant));
            rows.add(Result.ratio("2 ledger verify", "verify the tenant's whole hash chain", checked / verifyS,
                    "events/s", hashReference, Target.ratioAtLeast(0.5), String.format("%d events, %.0f ms over HTTP; reference: "
                            + "the same events scanned and hashed into a chain, nothing compared", checked, verifyS * 1000)));
            return rows;
        }
    }

    /** Scenario 5: a background rebuild of the kitchen read model from every event in the store. */
    static final class Rebuild implements Scenario {

        @Override
        public String name() {
            return "5 Rebuild";
        }

        @Override
        public List<Result> run(BenchContext ctx) throws Exception {
            // the full run rebuilds from about 300 000 events: kitchens of 50 000 are written until the store holds that
            long wanted = ctx.options().quick() ? 0 : 300_000;
            HistoryWriter writer = new HistoryWriter(dataSource(ctx.eventsDb()));
            while (count(ctx) + 50_000 <= wanted) {
                writer.writeKitchen(ctx.api().tenant(), "admin", "bench-rebuild-" + UUID.randomUUID().toString().substring(0, 8), ZONE,
                        YearMonth.now(ZONE).minusMonths(1), 50_000);
            }
            awaitCaughtUp(ctx, Duration.ofMinutes(10));
            long head;
            try (Connection c = ctx.eventsDb().connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
                rs.next();
                head = rs.getLong(1);
            }
            Api.Response started = ctx.operator().postQuery(Api.newClient(), "/api/admin/projections/kitchen/rebuild", Map.of());
            if (started.status() != 202) {
                throw new IOException("rebuild answered " + started.status() + ": " + started.body());
            }
            long id = started.json().get("rebuild").get("id").asLong();
            long s = System.nanoTime();
            JsonNode done;
            while (true) {
                Thread.sleep(100);
                JsonNode rebuild = null;
                for (JsonNode p : ctx.operator().query("/api/admin/projections").get("items")) {
                    if (p.get("name").asString().equals("kitchen")) {
                        rebuild = p.get("rebuild");
                    }
                }
                if (rebuild != null && rebuild.get("id").asLong() == id && !rebuild.get("status").asString().equals("RUNNING")) {
                    done = rebuild;
                    break;
                }
                if (System.nanoTime() - s > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("the rebuild did not finish within 10 minutes");
                }
            }
            double took = (System.nanoTime() - s) / 1e9;
            if (!done.get("status").asString().equals("DONE")) {
                throw new IllegalStateException("the rebuild failed: " + done);
            }
            double scan = Math.max(rawScan(ctx, null), rawScan(ctx, null));
            double[] copy = copyRebuild(ctx, true);
            double[] unindexed = copyRebuild(ctx, false);
            return List.of(Result.ratio("5 rebuild", "kitchen read model from every event", head / took, "events/s", copy[0],
                    Target.ratioAtLeast(0.5), String.format("%d events in %.1f s, %d of them applied by the kitchen handlers; reference: "
                                    + "the same scan and deserialization writing %.0f serving and movement rows with COPY into "
                                    + "copies of the tables, then building their keys and indexes",
                            head, took, done.get("eventsApplied").asLong(), copy[1])),
                    Result.info("5 reference: the same COPY into unindexed copies, no index built", "events/s", unindexed[0], "events/s", null,
                            "the rebuild's reference in the runs of 2026-12-02 (a table LIKE a view has no indexes): "
                                    + String.format("the rebuild is %.2f of it", head / took / unindexed[0])),
                    Result.info("5 reference: scan + deserialize, writing nothing", "events/s", scan, "events/s", null,
                            "the reference of the runs before 2026-12-02"));
        }
    }
}
