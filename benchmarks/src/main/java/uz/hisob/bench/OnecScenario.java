package uz.hisob.bench;

import tools.jackson.databind.JsonNode;
import uz.hisob.onec.standin.OnecDemoData;
import uz.hisob.onec.standin.OnecStandIn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 9, the 1C link (#17, onec.md): a first sync of {@value #CLIENTS} clients and {@value #PRODUCTS} products
 * (with two prices and two warehouses' stock each) from a stand-in 1C base over SOAP on loopback, in pages of 1 000,
 * under 2 minutes end to end (from {@code POST …/onec/sync} to the run's {@code SUCCEEDED}); then a full run over the
 * same, unchanged base, which must append no event. The quick run has {@value #QUICK_CLIENTS} and
 * {@value #QUICK_PRODUCTS}.
 */
public final class OnecScenario implements Scenario {

    static final int CLIENTS = 70_000;
    static final int PRODUCTS = 10_000;
    static final int QUICK_CLIENTS = 5_000;
    static final int QUICK_PRODUCTS = 1_000;
    static final String PROJECT = "bench-onec";

    @Override
    public String name() {
        return "9 1C sync";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        boolean quick = ctx.options().quick();
        int clients = quick ? QUICK_CLIENTS : CLIENTS;
        int products = quick ? QUICK_PRODUCTS : PRODUCTS;
        Api api = ctx.api();
        List<Result> rows = new ArrayList<>();
        try (OnecStandIn onec = OnecStandIn.start(OnecDemoData.base(clients, products), "hisob", "bench-1c", 0, 0, 0)) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("wsdlUrl", onec.wsdlUrl(OnecStandIn.Endpoint.PRIMARY));
            link.put("alternativeWsdlUrl", onec.wsdlUrl(OnecStandIn.Endpoint.ALTERNATIVE));
            link.put("username", "hisob");
            link.put("password", "bench-1c");
            link.put("syncEveryMinutes", 1440);
            api.command("/api/projects", Map.of("id", PROJECT, "name", "1C benchmark", "onec", link));
            for (String[] agent : new String[][] {{"bench-onec-a1", OnecDemoData.AGENT_CODE}, {"bench-onec-a2", OnecDemoData.AGENT2_CODE}}) {
                api.command("/api/projects/" + PROJECT + "/agents", Map.of("id", agent[0], "username", agent[0], "password", agent[0] + "-pass",
                        "name", agent[0], "onecCode", agent[1]));
            }

            String c = String.format(Locale.ROOT, "9 1C first sync (%,d clients, %,d products, %,d prices, %,d stock lines)", clients, products,
                    2 * products, 2 * products);
            long events0 = head(ctx);
            CpuMeter.Snapshot from = ctx.cpu().snapshot();
            long t0 = System.nanoTime();
            JsonNode first = syncAndWait(api, false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            CpuMeter.Snapshot to = ctx.cpu().snapshot();
            long appended = appendedSince(ctx, events0);
            rows.add(Result.bounded(c, "wall time to SUCCEEDED", seconds, "s", Target.atMost(120), first.path("status").asString()
                    + "; " + CpuMeter.describe(from, to)));
            rows.add(Result.info(c, "events appended", appended, "events", null, ""));
            int items = clients + 5 * products;
            rows.add(Result.info(c, "command-service CPU per item", cpuMicros(from, to, "command-service") / items, "µs", null, ""));
            rows.add(Result.info(c, "postgres CPU per item", cpuMicros(from, to, "postgres") / items, "µs", null, ""));
            rows.add(Result.info(c, "bench client (1C stand-in) CPU per item", cpuMicros(from, to, "bench client") / items, "µs", null, ""));

            String u = String.format(Locale.ROOT, "9 1C full run over the same, unchanged base (%,d items)", items);
            long events1 = head(ctx);
            long t1 = System.nanoTime();
            JsonNode again = syncAndWait(api, true);
            double unchanged = (System.nanoTime() - t1) / 1e9;
            long appendedAgain = appendedSince(ctx, events1);
            rows.add(Result.info(u, "wall time to SUCCEEDED", unchanged, "s", null, again.path("status").asString()));
            // the run's own four events (started, pages, finished) are the link's: nothing of the items
            long pages = 0;
            for (JsonNode e : again.path("entities")) {
                pages += Math.max(1, (e.path("received").asLong() + 999) / 1000);
            }
            rows.add(Result.bounded(u, "events appended beyond the run's own", appendedAgain - pages - 2, "events", Target.atMost(0),
                    appendedAgain + " appended, " + (pages + 2) + " of them the run's (started, a page each, finished)"));
        }
        return rows;
    }

    private static JsonNode syncAndWait(Api api, boolean full) throws Exception {
        String runId = api.command("/api/projects/" + PROJECT + "/onec/sync", Map.of("full", full)).path("runId").asString();
        long deadline = System.nanoTime() + 600_000_000_000L;
        java.net.http.HttpClient http = Api.newClient();
        while (System.nanoTime() < deadline) {
            Api.Response r = api.get(http, "/api/projects/" + PROJECT + "/onec/runs/" + runId);
            JsonNode run = r.ok() ? r.json() : null; // 404 until the run's start is projected
            if (run != null && !"RUNNING".equals(run.path("status").asString())) {
                if (!"SUCCEEDED".equals(run.path("status").asString())) {
                    throw new IllegalStateException("1C run " + runId + " ended " + run.path("status").asString() + ": " + run.path("errors"));
                }
                return run;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("1C run " + runId + " did not end within 10 minutes");
    }

    private static double cpuMicros(CpuMeter.Snapshot from, CpuMeter.Snapshot to, String part) {
        return (to.seconds().get(part) - from.seconds().get(part)) * 1e6;
    }

    private static long head(BenchContext ctx) throws Exception {
        return scalar(ctx, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }

    private static long appendedSince(BenchContext ctx, long head) throws Exception {
        return scalar(ctx, "SELECT count(*) FROM domain_event_entry WHERE global_index > " + head);
    }

    private static long scalar(BenchContext ctx, String sql) throws Exception {
        try (Connection c = ctx.eventsDb().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
