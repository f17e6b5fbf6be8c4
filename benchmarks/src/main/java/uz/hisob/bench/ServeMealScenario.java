package uz.hisob.bench;

import uz.hisob.bench.ClosedLoop.Outcome;
import uz.hisob.bench.ClosedLoop.Worker;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Scenario 1: {@code POST /api/kitchens/{k}/servings} over HTTP, closed loop, (a) 16 clients across 16 kitchens and
 * (b) 16 clients on one kitchen; against a raw JDBC reference: 16 threads, each on its own connection with
 * autocommit off, inserting one event-shaped row (a real {@code MealServed} row's payload and metadata) into a copy
 * of {@code domain_event_entry} (same columns, indexes and constraints, its own global-index sequence) and
 * committing, on the same PostgreSQL with the same durability settings.
 */
public final class ServeMealScenario implements Scenario {

    static final int CLIENTS = 16;
    static final String REF_TABLE = "bench_ref_event";

    @Override
    public String name() {
        return "1 ServeMeal";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        List<String> kitchens = ctx.fixture().serveKitchens();
        Outcome across = ClosedLoop.run("serve-16k", CLIENTS, i -> serve(ctx.api(), kitchens.get(i % kitchens.size())),
                o.warmup(), o.measure(), ctx.cpu());
        ctx.measured().put(BenchContext.RATE_1A, across.perSecond());
        ctx.measured().put(BenchContext.SERVE_CPU_1A, across.cpuMicrosPerOp("command-service"));
        ctx.measured().put(BenchContext.SERVE_PROJECTED_CPU_1A, across.cpuMicrosPerOp("query-service"));
        List<Api> tenants = ctx.fixture().tenants();
        Outcome tenantsOutcome = ClosedLoop.run("serve-16t", CLIENTS,
                i -> serve(tenants.get(i % tenants.size()), Fixture.TENANT_KITCHEN), o.warmup(), o.measure(), ctx.cpu());
        Outcome one = ClosedLoop.run("serve-1k", CLIENTS, i -> serve(ctx.api(), ctx.fixture().singleKitchen()),
                o.warmup(), o.measure(), ctx.cpu());
        Reference ref = reference(ctx);

        List<Result> rows = new ArrayList<>();
        String a = "1a ServeMeal, 16 clients × 16 kitchens";
        String b = "1b ServeMeal, 16 clients × 1 kitchen";
        rows.add(Result.ratio(a, "throughput", across.perSecond(), "cmd/s", ref.outcome.perSecond(), Target.ratioAtLeast(0.1), across.note()));
        latencies(rows, a, across, ref.outcome);
        rows.add(ctx.cpuPerOp(a, "command-service", across, 4.0));
        // under 1a the query-service does nothing but project the servings
        rows.add(ctx.cpuPerOp(a + " (projected)", "query-service", across, 1.0));
        rows.add(Result.bounded(a, "load generator CPU per command", across.cpuMicrosPerOp(ClosedLoop.Outcome.WORKERS), "µs", Target.atMost(60), ""));
        String c = "1c ServeMeal, 16 clients × 16 tenants";
        rows.add(Result.ratio(c, "throughput", tenantsOutcome.perSecond(), "cmd/s", ref.outcome.perSecond(), Target.ratioAtLeast(0.1),
                tenantsOutcome.note()));
        latencies(rows, c, tenantsOutcome, ref.outcome);
        rows.add(ctx.cpuPerOp(c, "command-service", tenantsOutcome, null));
        rows.add(Result.ratio(b, "throughput", one.perSecond(), "cmd/s", ref.outcome.perSecond(), Target.ratioAtLeast(0.06), one.note()));
        latencies(rows, b, one, ref.outcome);
        rows.add(ctx.cpuPerOp(b, "command-service", one, null));
        rows.add(Result.info("1 reference: JDBC insert + commit, 16 connections", "throughput", ref.outcome.perSecond(), "tx/s",
                null, ref.outcome.note() + "; row of " + ref.rowBytes + " bytes (payload + metadata of a MealServed)"));
        return rows;
    }

    static void latencies(List<Result> rows, String scenario, Outcome hisob, Outcome reference) {
        for (double p : new double[] {50, 99, 99.9}) {
            rows.add(Result.info(scenario, "latency p" + Result.format(p), hisob.ms(p), "ms",
                    reference == null ? null : reference.ms(p), ""));
        }
    }

    /** A closed-loop worker serving one portion in {@code kitchen} per call, a prepared request on its own connection. */
    static Worker serve(Api api, String kitchen) {
        return api.prepared(true, "POST", "/api/kitchens/" + kitchen + "/servings", Fixture.SERVE_BODY, 201, true);
    }

    /** {@code worker}, holding itself to {@code perSecond} operations a second (it waits before each one). */
    static Worker paced(Worker worker, double perSecond) {
        long interval = (long) (1e9 / perSecond);
        return new Worker() {
            private long next = System.nanoTime();

            @Override
            public boolean call() throws Exception {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(java.time.Duration.ofNanos(wait));
                }
                // a slot missed is not made up with a burst
                next = Math.max(next + interval, System.nanoTime() - interval);
                return worker.call();
            }

            @Override
            public void close() throws Exception {
                worker.close();
            }
        };
    }

    private record Reference(Outcome outcome, int rowBytes) {
    }

    private static Reference reference(BenchContext ctx) throws Exception {
        Database db = ctx.eventsDb();
        String type;
        byte[] metaData;
        byte[] payload;
        String revision;
        String payloadType;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT type, meta_data, payload, payload_revision, payload_type FROM domain_event_entry "
                    + "WHERE payload_type LIKE '%MealServed' ORDER BY global_index DESC LIMIT 1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("No MealServed event in the event store to shape the reference row after");
                }
                type = rs.getString(1);
                metaData = rs.getBytes(2);
                payload = rs.getBytes(3);
                revision = rs.getString(4);
                payloadType = rs.getString(5);
            }
            s.execute("DROP TABLE IF EXISTS " + REF_TABLE);
            s.execute("CREATE TABLE " + REF_TABLE + " (LIKE domain_event_entry INCLUDING ALL)");
            // INCLUDING ALL copies the default nextval() of the real table's sequence: give the copy its own
            s.execute("CREATE SEQUENCE " + REF_TABLE + "_global_index_seq OWNED BY " + REF_TABLE + ".global_index");
            s.execute("ALTER TABLE " + REF_TABLE + " ALTER COLUMN global_index SET DEFAULT nextval('" + REF_TABLE + "_global_index_seq')");
        }
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            Outcome outcome = ClosedLoop.run("ref-insert", CLIENTS, i -> {
                Connection c = db.connect();
                c.setAutoCommit(false);
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + REF_TABLE + " (aggregate_identifier, sequence_number, type, "
                        + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                String aggregate = "demo:bench-ref-" + run + "-" + i;
                return new Worker() {
                    private long sequence;

                    @Override
                    public boolean call() throws SQLException {
                        insert.setString(1, aggregate);
                        insert.setLong(2, sequence++);
                        insert.setString(3, type);
                        insert.setString(4, UUID.randomUUID().toString());
                        insert.setBytes(5, metaData);
                        insert.setBytes(6, payload);
                        insert.setString(7, revision);
                        insert.setString(8, payloadType);
                        insert.setString(9, Instant.now().toString());
                        insert.executeUpdate();
                        c.commit();
                        return true;
                    }

                    @Override
                    public void close() throws SQLException {
                        c.close();
                    }
                };
            }, ctx.options().warmup(), ctx.options().measure(), ctx.cpu());
            return new Reference(outcome, (metaData == null ? 0 : metaData.length) + payload.length);
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + REF_TABLE);
            }
        }
    }
}
