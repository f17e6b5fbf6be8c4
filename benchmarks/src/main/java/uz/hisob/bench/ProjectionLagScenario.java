package uz.hisob.bench;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import uz.hisob.bench.ClosedLoop.Outcome;
import uz.hisob.bench.ClosedLoop.Worker;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 3: how long after a command is acknowledged its effect is visible, measured under the load of scenario
 * 1a (16 clients serving across 16 kitchens).
 *
 * <ul>
 *   <li>PostgreSQL read model: a sampler serves a meal in its own kitchen, takes the {@code position} of the 201
 *   answer, then asks {@code GET /api/kitchens/{k}/stock?minPosition=<position>}: the time from the 201 arriving to
 *   the stock answer arriving (a 503 {@code PROJECTION_LAGGING} after 5 s counts as 5 s).</li>
 *   <li>Search: two samplers each create an ingredient with a unique name, then poll
 *   {@code GET /api/search?q=<name>&type=ingredient} every {@value #SEARCH_POLL_MS} ms until it is found: the time
 *   from the 201 to the first answer that contains it (given up after 10 s). Before searching, each sample polls
 *   Elasticsearch's real-time {@code GET} of the document by id, which splits the figure into "indexed" and the
 *   rest.</li>
 * </ul>
 * The samplers run through the warm-up as well (their first search is as cold as the first serving) and record only
 * the samples that start after it.
 */
public final class ProjectionLagScenario implements Scenario {

    static final long SEARCH_POLL_MS = 25;
    static final long SAMPLE_PAUSE_MS = 20;
    static final Duration SEARCH_GIVE_UP = Duration.ofSeconds(10);
    static final Duration MIN_POSITION_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "3 Projection lag";
    }

    @Override
    public List<Result> run(BenchContext ctx) throws Exception {
        List<Result> rows = new ArrayList<>();
        Double rate1a = ctx.measured().get(BenchContext.RATE_1A);
        // at rest: the samplers alone; under load: ServeMeal across 16 kitchens at half of what 1a reached in this run
        // (or, when 1a did not run, as fast as 1a would)
        lag(ctx, "at rest", null, rows, 50);
        lag(ctx, rate1a == null ? "under 1a load" : "at half of 1a's throughput", rate1a == null ? 0 : rate1a / 2, rows, 100);
        return rows;
    }

    /** One round of samples; {@code loadPerSecond} null: no load, 0: closed loop as 1a, else paced to that rate. */
    private static void lag(BenchContext ctx, String when, Double loadPerSecond, List<Result> rows, double pgTargetMs) throws Exception {
        Options o = ctx.options();
        List<String> kitchens = ctx.fixture().serveKitchens();
        long start = System.nanoTime() + o.warmup().toNanos();
        long end = start + o.lag().toNanos();
        Sampler pg = new Sampler("lag-postgres", start, end, (http, indexed) -> readModelSample(ctx, http));
        List<Sampler> search = List.of(
                new Sampler("lag-search-1", start, end, (http, indexed) -> searchSample(ctx, http, indexed)),
                new Sampler("lag-search-2", start, end, (http, indexed) -> searchSample(ctx, http, indexed)));
        pg.start();
        search.forEach(Thread::start);
        Outcome load = null;
        if (loadPerSecond != null) {
            double perWorker = loadPerSecond / ServeMealScenario.CLIENTS;
            load = ClosedLoop.run("lag-load", ServeMealScenario.CLIENTS, i -> {
                Worker serve = ServeMealScenario.serve(ctx.api(), kitchens.get(i % kitchens.size()));
                return loadPerSecond > 0 ? ServeMealScenario.paced(serve, perWorker) : serve;
            }, o.warmup(), o.lag(), ctx.cpu());
        }
        pg.join();
        Histogram searchLag = new Histogram(3);
        Histogram indexedLag = new Histogram(3);
        long searchMissed = 0;
        String searchError = null;
        for (Sampler s : search) {
            s.join();
            searchLag.add(s.latency);
            indexedLag.add(s.indexed);
            searchMissed += s.missed.get();
            searchError = searchError != null ? searchError : s.firstError;
        }
        double refreshSeconds = refreshIntervalSeconds(ctx.elasticsearchUrl());

        String toPg = "3 lag ack → PostgreSQL read model (" + when + ")";
        rows.add(Result.info(toPg, "p50", ms(pg.latency, 50), "ms", null, ""));
        rows.add(Result.bounded(toPg, "p99", ms(pg.latency, 99), "ms", Target.atMost(pgTargetMs), pg.note()));
        String toSearch = "3 lag ack → search (" + when + ")";
        rows.add(Result.info(toSearch, "p50", ms(searchLag, 50), "ms", null, ""));
        rows.add(Result.bounded(toSearch, "p99", ms(searchLag, 99), "ms", Target.atMost(1.5 * refreshSeconds * 1000),
                searchLag.getTotalCount() + " samples, polled every " + SEARCH_POLL_MS + " ms, index refresh interval "
                        + Result.format(refreshSeconds) + " s"
                        + (searchMissed == 0 ? "" : ", " + searchMissed + " missed/failed (first: " + searchError + ")")));
        rows.add(Result.info("3 lag ack → indexed in Elasticsearch (" + when + ")", "p50",
                ms(indexedLag, 50), "ms", null, "real-time GET of the document by id; the rest of the search lag is the search request itself"));
        rows.add(Result.info("3 lag ack → indexed in Elasticsearch (" + when + ")", "p99",
                ms(indexedLag, 99), "ms", null, ""));
        if (load != null) {
            rows.add(Result.info("3 ServeMeal load during the lag samples (" + when + ")", "throughput", load.perSecond(), "cmd/s", null,
                    load.note()));
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    /** One sample; answers the lag in nanoseconds, or -1 when the sample failed (counted as missed). */
    @FunctionalInterface
    interface Sample {
        long take(HttpClient http, Histogram indexed) throws Exception;
    }

    private static final class Sampler extends Thread {

        final Histogram latency = new Histogram(3);
        /** Search samples only: until the document could be fetched from Elasticsearch by id (before a refresh). */
        final Histogram indexed = new Histogram(3);
        final AtomicLong missed = new AtomicLong();
        volatile String firstError;
        private final long from;
        private final long until;
        private final Sample sample;

        /** Samples from {@code from} until {@code until} (System.nanoTime values). */
        Sampler(String name, long from, long until, Sample sample) {
            super(name);
            this.from = from;
            this.until = until;
            this.sample = sample;
        }

        /**
         * Samples during the warm-up too (the samplers' own paths, such as the first search, need it as much as the
         * load does) but records only the samples that start at or after {@code from}.
         */
        @Override
        public void run() {
            Histogram discarded = new Histogram(3);
            try (HttpClient http = Api.newClient()) {
                while (System.nanoTime() < until) {
                    boolean measured = System.nanoTime() >= from;
                    try {
                        long lag = sample.take(http, measured ? indexed : discarded);
                        if (measured && lag >= 0) {
                            latency.recordValue(lag);
                        } else if (measured) {
                            missed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (measured) {
                            missed.incrementAndGet();
                            if (firstError == null) {
                                firstError = e.toString();
                            }
                        }
                    }
                    sleepNanos(Duration.ofMillis(SAMPLE_PAUSE_MS).toNanos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String note() {
            return latency.getTotalCount() + " samples" + (missed.get() == 0 ? "" : ", " + missed.get()
                    + " failed (first: " + firstError + ")");
        }
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }

    private static long readModelSample(BenchContext ctx, HttpClient http) throws IOException {
        String kitchen = "/api/kitchens/" + ctx.fixture().lagKitchen();
        Api.Response served = ctx.api().post(http, kitchen + "/servings", Fixture.SERVE_BODY);
        long acked = System.nanoTime();
        if (served.status() != 201) {
            throw new IOException("ServeMeal answered " + served.status() + ": " + served.body());
        }
        long position = served.json().get("position").asLong();
        Api.Response stock = ctx.api().get(http, kitchen + "/stock?minPosition=" + position);
        long answered = System.nanoTime();
        if (stock.status() == 503) {
            return MIN_POSITION_TIMEOUT.toNanos(); // PROJECTION_LAGGING: not visible within the 5 s the contract waits
        }
        if (stock.status() != 200) {
            throw new IOException("GET stock answered " + stock.status() + ": " + stock.body());
        }
        return answered - acked;
    }

    private static long searchSample(BenchContext ctx, HttpClient http, Histogram indexed)
            throws IOException, InterruptedException {
        String name = "Lagprobe" + randomLetters(12);
        String id = "lagprobe-" + randomLetters(12);
        String path = "/api/kitchens/" + ctx.fixture().searchKitchen() + "/ingredients";
        Api.Response created = ctx.api().post(http, path, Map.of("id", id, "name", name, "minStockGrams", 0));
        long acked = System.nanoTime();
        if (created.status() != 201) {
            throw new IOException("DefineIngredient answered " + created.status() + ": " + created.body());
        }
        // the search projection's document id (SearchDoc.docId): tenant, type, parent and id
        URI document = URI.create(ctx.elasticsearchUrl() + "/hisob-search/_doc/" + URLEncoder.encode(
                ctx.api().tenant() + ":ingredient:" + ctx.fixture().searchKitchen() + ":" + id, StandardCharsets.UTF_8));
        while (System.nanoTime() - acked < SEARCH_GIVE_UP.toNanos()) {
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(document).build(), HttpResponse.BodyHandlers.ofString());
            if (got.statusCode() == 200) {
                indexed.recordValue(System.nanoTime() - acked);
                break;
            }
            Thread.sleep(SEARCH_POLL_MS);
        }
        String query = "/api/search?type=ingredient&q=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        while (System.nanoTime() - acked < SEARCH_GIVE_UP.toNanos()) {
            Api.Response r = ctx.api().get(http, query);
            long answered = System.nanoTime();
            if (r.status() == 200) {
                for (JsonNode item : r.json().get("items")) {
                    if (name.equals(item.get("title").asString())) {
                        return answered - acked;
                    }
                }
            } else {
                throw new IOException("GET search answered " + r.status() + ": " + r.body());
            }
            Thread.sleep(SEARCH_POLL_MS);
        }
        return -1;
    }

    private static String randomLetters(int n) {
        StringBuilder s = new StringBuilder(n);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** The search index's refresh interval, as Elasticsearch reports it (its default is 1 s). */
    static double refreshIntervalSeconds(String elasticsearchUrl) {
        try (HttpClient http = Api.newClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl
                            + "/hisob-search/_settings?include_defaults=true&filter_path=**.refresh_interval")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode index : Api.JSON.readTree(r.body())) {
                    for (String where : List.of("settings", "defaults")) {
                        JsonNode v = index.path(where).path("index").path("refresh_interval");
                        if (v.isString()) {
                            return parseSeconds(v.asString());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to Elasticsearch's default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1.0;
    }

    private static double parseSeconds(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Double.parseDouble(s.substring(0, s.length() - 2)) / 1000;
        }
        if (s.endsWith("s")) {
            return Double.parseDouble(s.substring(0, s.length() - 1));
        }
        if (s.endsWith("m")) {
            return Double.parseDouble(s.substring(0, s.length() - 1)) * 60;
        }
        return Double.parseDouble(s);
    }
}
