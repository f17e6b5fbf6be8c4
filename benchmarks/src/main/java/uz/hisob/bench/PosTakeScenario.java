package uz.hisob.bench;

import uz.hisob.bench.ClosedLoop.Outcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1p: a POS-style take of one unit, {@code POST /api/inventory/write-offs} of one line and one unit, over
 * HTTP, closed loop, 16 clients across 16 shops (as scenario 1a's 16 kitchens). A write-off of one unit is the take a
 * till's sale makes (#16): the shop's {@code StockLocation} decides that the unit is available, claims the document's
 * id and appends one event. Issue #13 holds it to at most what a ServeMeal costs: its command-service CPU per
 * command is compared with scenario 1a's in the same run (ServeMeal runs first), lower is better.
 */
public final class PosTakeScenario implements Scenario {

    static final int CLIENTS = 16;
    static final String PRODUCT = "bench-non";

    @Override
    public String name() {
        return "1p POS take";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        List<String> shops = shops(ctx.api());
        Outcome takes = ClosedLoop.run("pos-take-16s", CLIENTS, i -> take(ctx.api(), shops.get(i % shops.size())),
                o.warmup(), o.measure(), ctx.cpu());
        String name = "1p POS take of one unit, 16 clients × 16 shops";
        List<Result> rows = new ArrayList<>();
        Double rate = ctx.measured().get(BenchContext.RATE_1A);
        rows.add(rate == null ? Result.info(name, "throughput", takes.perSecond(), "cmd/s", null, takes.note())
                : Result.info(name, "throughput (reference: 1a ServeMeal)", takes.perSecond(), "cmd/s", rate, takes.note()));
        ServeMealScenario.latencies(rows, name, takes, null);
        double cpu = takes.cpuMicrosPerOp("command-service");
        Double serve = ctx.measured().get(BenchContext.SERVE_CPU_1A);
        rows.add(serve == null ? Result.info(name, "command-service CPU per op", cpu, "µs", null, "1a not run")
                : Result.ratio(name, "command-service CPU per op ÷ a ServeMeal's (1a)", cpu, "µs", serve, Target.ratioAtMost(1.0),
                String.format(java.util.Locale.ROOT, "ServeMeal %.0f µs", serve)));
        Double projected = ctx.measured().get(BenchContext.SERVE_PROJECTED_CPU_1A);
        rows.add(Result.info(name + " (projected)", "query-service CPU per op (reference: 1a)", takes.cpuMicrosPerOp("query-service"), "µs",
                projected, "the inventory projection: a movement row, the stock upsert, the alert check"));
        return rows;
    }

    /** 16 shops of the benchmark tenant, each holding more of one product than a run can take. */
    static List<String> shops(Api api) throws IOException {
        List<String> shops = new ArrayList<>();
        java.net.http.HttpClient client = Api.newClient();
        for (int i = 1; i <= CLIENTS; i++) {
            String shop = String.format("bench-shop-%02d", i);
            Api.Response opened = api.post(client, "/api/inventory/locations", Map.of("id", shop, "name", "Bench shop " + i, "kind", "SHOP"));
            if (opened.status() == 201) {
                api.command(client, "/api/inventory/receipts", Map.of("locationId", shop,
                        "lines", List.of(Map.of("productId", PRODUCT, "quantity", 1_000_000_000_000L))));
            } else if (opened.status() != 409) {
                throw new IOException("Opening " + shop + " answered " + opened.status() + ": " + opened.body());
            }
            shops.add(shop);
        }
        return shops;
    }

    static ClosedLoop.Worker take(Api api, String shop) {
        return api.prepared(true, "POST", "/api/inventory/write-offs", Map.of("locationId", shop,
                "lines", List.of(Map.of("productId", PRODUCT, "quantity", 1)), "reason", "POS sale"), 201, true);
    }
}
