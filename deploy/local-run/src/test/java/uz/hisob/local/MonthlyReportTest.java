package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The monthly misuse report, computed by replaying the event store, with hand-computed figures. */
class MonthlyReportTest extends SystemTestSupport {

    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    static final YearMonth M = YearMonth.now(TASHKENT).minusMonths(1);

    static String at(int day, int hour) {
        return M.atDay(day).atTime(hour, 0).atZone(TASHKENT).toInstant().toString();
    }

    static String on(int day) {
        return M.atDay(day).toString();
    }

    /** A kitchen with flour, a bread meal (100 g a portion), 10 kg delivered on the 1st and 50 portions served on the 5th. */
    static KitchenApi bakery(String prefix) {
        KitchenApi k = KitchenApi.create(prefix).ingredient("un", 0);
        k.meal("non", "un", 100);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 10000, "deliveredOn", on(1))), 201);
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 50, "servedAt", at(5, 8))), 201);
        return k;
    }

    static void count(KitchenApi k, String ingredient, long grams, String at) {
        k.expect(k.call("manager", HttpMethod.POST, k.path("/stock-counts"),
                Map.of("countedAt", at, "counts", List.of(Map.of("ingredientId", ingredient, "grams", grams)))), 201);
    }

    static Map<?, ?> report(KitchenApi k, YearMonth month) {
        return queries().get().uri(k.path("/reports/" + month)).header("Authorization", bearer("auditor"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<?, ?> recompute(KitchenApi k, YearMonth month, Map<String, ?> body) {
        return queries().post().uri(k.path("/reports/" + month + "/recompute")).header("Authorization", bearer("auditor"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    static Map<?, ?> line(Map<?, ?> report, String ingredient) {
        return ((List<?>) report.get("ingredients")).stream().map(o -> (Map<?, ?>) o)
                .filter(i -> i.get("ingredientId").equals(ingredient)).findFirst().orElseThrow();
    }

    static Map<String, Object> figures(long opening, long received, long served, long writtenOff, long adjustment, long closing,
                                       long used, Long possible, double pct, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("openingGrams", opening);
        m.put("receivedGrams", received);
        m.put("servedGrams", served);
        m.put("writtenOffGrams", writtenOff);
        m.put("countAdjustmentGrams", adjustment);
        m.put("closingGrams", closing);
        m.put("usedGrams", used);
        m.put("portionsPossible", possible);
        m.put("differencePct", pct);
        m.put("status", status);
        return m;
    }

    static Map<String, Object> figuresOf(Map<?, ?> line) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : List.of("openingGrams", "receivedGrams", "servedGrams", "writtenOffGrams", "countAdjustmentGrams",
                "closingGrams", "usedGrams", "portionsPossible", "differencePct", "status")) {
            Object v = line.get(key);
            m.put(key, v instanceof Integer i ? Long.valueOf(i) : v instanceof Number n && key.equals("differencePct") ? n.doubleValue() : v);
        }
        return m;
    }

    @Test
    void aMonthWithoutLossesIsOkAtZero() {
        KitchenApi k = bakery("rep-ok");
        count(k, "un", 5000, at(10, 18));
        Map<?, ?> r = report(k, M);
        assertThat(figuresOf(line(r, "un"))).isEqualTo(figures(0, 10000, 5000, 0, 0, 5000, 5000, 50L, 0.0, "OK"));
        assertThat(r.get("prepared")).isEqualTo(50);
        assertThat(r.get("possible")).isEqualTo(50);
        assertThat(((Number) r.get("differencePct")).doubleValue()).isEqualTo(0.0);
        assertThat(r.get("status")).isEqualTo("OK");
        assertThat(r.get("meals")).isEqualTo(List.of(Map.of("mealId", "non", "name", "non", "portionsServed", 50)));
        assertThat(r.get("month")).isEqualTo(M.toString());
        assertThat(r.get("timezone")).isEqualTo("Asia/Tashkent");
        assertThat(r.get("thresholds")).isEqualTo(Map.of("warningPct", 10, "misusePct", 15));
        assertThat((String) r.get("inputDigest")).startsWith("sha256:");
        assertThat(r.get("version")).isEqualTo(1);
    }

    @Test
    void aCountShortageIsAWarningAndALargerOneSuspectedMisuse() {
        KitchenApi warning = bakery("rep-warn");
        count(warning, "un", 4400, at(10, 18));
        Map<?, ?> w = report(warning, M);
        // used 5600 → floor(50 × 5600 / 5000) = 56 → (56 − 50) / 56 = 10.71 % → 10.7
        assertThat(figuresOf(line(w, "un"))).isEqualTo(figures(0, 10000, 5000, 0, -600, 4400, 5600, 56L, 10.7, "WARNING"));
        assertThat(w.get("status")).isEqualTo("WARNING");
        assertThat(((Number) w.get("differencePct")).doubleValue()).isEqualTo(10.7);

        KitchenApi misuse = bakery("rep-misuse");
        count(misuse, "un", 4000, at(10, 18));
        Map<?, ?> m = report(misuse, M);
        // used 6000 → 60 portions possible → 16.7 %
        assertThat(figuresOf(line(m, "un"))).isEqualTo(figures(0, 10000, 5000, 0, -1000, 4000, 6000, 60L, 16.7, "MISUSE_SUSPECTED"));
        assertThat(m.get("status")).isEqualTo("MISUSE_SUSPECTED");
        assertThat(m.get("possible")).isEqualTo(60);

        // a what-if with higher thresholds applies to that version only
        Map<?, ?> whatIf = recompute(misuse, M, Map.of("warningThresholdPct", 20, "misuseThresholdPct", 30));
        assertThat(whatIf.get("status")).isEqualTo("OK");
        assertThat(whatIf.get("thresholds")).isEqualTo(Map.of("warningPct", 20, "misusePct", 30));
        assertThat(report(misuse, M).get("status")).as("the latest version is the what-if").isEqualTo("OK");
        Map<?, ?> own = recompute(misuse, M, Map.of());
        assertThat(own.get("status")).isEqualTo("MISUSE_SUSPECTED");
    }

    @Test
    void writeOffsAndAnIngredientUsedWithoutServings() {
        KitchenApi k = bakery("rep-writeoff").ingredient("tuz", 0);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/write-offs"),
                Map.of("ingredientId", "un", "grams", 200, "reason", "spilled", "writtenOffOn", on(6))), 201);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "tuz", "grams", 1000, "deliveredOn", on(6))), 201);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/write-offs"),
                Map.of("ingredientId", "tuz", "grams", 100, "reason", "damp", "writtenOffOn", on(7))), 201);
        Map<?, ?> r = report(k, M);
        // un: closing 4800, used 5200 → 52 possible → 3.8 %
        assertThat(figuresOf(line(r, "un"))).isEqualTo(figures(0, 10000, 5000, 200, 0, 4800, 5200, 52L, 3.8, "OK"));
        assertThat(figuresOf(line(r, "tuz"))).isEqualTo(figures(0, 1000, 0, 100, 0, 900, 100, null, 0.0, "USED_WITHOUT_SERVINGS"));
        assertThat(r.get("status")).as("raised to at least WARNING").isEqualTo("WARNING");
        assertThat(((Number) r.get("differencePct")).doubleValue()).isEqualTo(3.8);
    }

    @Test
    void aRecipeRevisedMidMonthAndAReversedDelivery() {
        KitchenApi k = KitchenApi.create("rep-revised").ingredient("un", 0);
        k.meal("non", "un", 100);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 10000, "deliveredOn", on(1))), 201);
        Map<?, ?> second = k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"), Map.of("ingredientId", "un", "grams", 3000, "deliveredOn", on(2))), 201);
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 20, "servedAt", at(3, 8))), 201);
        k.expect(k.call("manager", HttpMethod.PUT, k.path("/meals/non/recipe"), Map.of("recipe", KitchenApi.recipe("un", 120))), 200);
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 10, "servedAt", at(4, 8))), 201);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries/" + second.get("id") + "/reversal"), Map.of("reason", "wrong flour")), 200);
        count(k, "un", 6800, at(6, 18));
        Map<?, ?> r = report(k, M);
        // received 13000 − 3000; served 2000 (v1) + 1200 (v2); the count found the ledger exact
        assertThat(figuresOf(line(r, "un"))).isEqualTo(figures(0, 10000, 3200, 0, 0, 6800, 3200, 30L, 0.0, "OK"));
        assertThat(r.get("prepared")).isEqualTo(30);
        assertThat(r.get("meals")).isEqualTo(List.of(Map.of("mealId", "non", "name", "non", "portionsServed", 30)));
    }

    /** Recomputations of one month at the same moment each get their own version; none fails (it used to answer 500). */
    @Test
    void concurrentRecomputationsOfOneMonthEachGetTheirOwnVersion() throws Exception {
        KitchenApi k = bakery("rep-conc");
        report(k, M); // version 1
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Map<?, ?>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return recompute(k, M, Map.of());
                }));
            }
            start.countDown();
            java.util.Set<Object> versions = new java.util.TreeSet<>();
            for (var answer : answers) {
                versions.add(answer.get().get("version"));
            }
            assertThat(versions).containsExactly(2, 3, 4, 5, 6, 7);
        } finally {
            pool.shutdownNow();
        }
        assertThat(report(k, M).get("version")).isEqualTo(7);
    }

    @Test
    void aBackDatedCorrectionMakesANewVersionWhileAsKnownAtKeepsTheOldView() throws Exception {
        KitchenApi k = bakery("rep-late");
        Map<?, ?> v1 = report(k, M);
        assertThat(v1.get("status")).isEqualTo("OK");
        Instant knownBefore = Instant.parse((String) v1.get("asKnownAt"));
        Thread.sleep(5); // the correction must be recorded after v1's instant (clock granularity)
        k.expect(k.call("manager", HttpMethod.POST, k.path("/write-offs"),
                Map.of("ingredientId", "un", "grams", 1000, "reason", "found spoiled, booked late", "writtenOffOn", on(6))), 201);

        Map<?, ?> v2 = recompute(k, M, Map.of());
        assertThat(v2.get("version")).isEqualTo(2);
        assertThat(figuresOf(line(v2, "un"))).isEqualTo(figures(0, 10000, 5000, 1000, 0, 4000, 6000, 60L, 16.7, "MISUSE_SUSPECTED"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> diff = (List<Map<String, Object>>) v2.get("diff");
        assertThat(diff).contains(
                Map.of("path", "ingredients[un].writtenOffGrams", "before", 0, "after", 1000),
                Map.of("path", "ingredients[un].usedGrams", "before", 5000, "after", 6000),
                Map.of("path", "status", "before", "OK", "after", "MISUSE_SUSPECTED"));
        assertThat(diff).extracting(d -> d.get("path")).doesNotContain("version", "generatedAt");

        Map<?, ?> v3 = recompute(k, M, Map.of("asKnownAt", knownBefore.toString()));
        assertThat(v3.get("version")).isEqualTo(3);
        assertThat(figuresOf(line(v3, "un"))).isEqualTo(figures(0, 10000, 5000, 0, 0, 5000, 5000, 50L, 0.0, "OK"));
        // the same asKnownAt and thresholds give the same body, apart from version, generatedAt and diff
        Map<Object, Object> a = new LinkedHashMap<>(v1);
        Map<Object, Object> b = new LinkedHashMap<>(v3);
        for (String volatileField : List.of("version", "generatedAt", "diff")) {
            a.remove(volatileField);
            b.remove(volatileField);
        }
        assertThat(b).isEqualTo(a);
        Map<?, ?> v4 = recompute(k, M, Map.of("asKnownAt", knownBefore.toString()));
        assertThat(v4.get("inputDigest")).isEqualTo(v3.get("inputDigest"));
        assertThat(v4.get("diff")).isEqualTo(List.of());
        assertThat(queries().get().uri(k.path("/reports/" + M + "?version=2")).header("Authorization", bearer("manager"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("status"))
                .isEqualTo("MISUSE_SUSPECTED");
    }

    @Test
    void theMonthIsTheKitchensCalendarMonth() {
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati"); // UTC+14: its months start the day before UTC's
        KitchenApi k = new KitchenApi(uniqueId("rep-zone"));
        k.expect(k.call("admin", HttpMethod.POST, "/api/kitchens", Map.of("id", k.kitchen, "name", "Far east", "timezone", kiritimati.getId())), 201);
        k.ingredient("un", 0).meal("non", "un", 100);
        YearMonth month = YearMonth.now(kiritimati).minusMonths(1);
        YearMonth before = month.minusMonths(1);
        k.expect(k.call("manager", HttpMethod.POST, k.path("/deliveries"),
                Map.of("ingredientId", "un", "grams", 1000, "deliveredOn", before.atDay(20).toString())), 201);
        // 23:00 on the last day of the month before, and 01:00 on the 1st: in UTC both fall on the same day
        Instant lastEvening = before.atEndOfMonth().atTime(LocalTime.of(23, 0)).atZone(kiritimati).toInstant();
        Instant firstMorning = month.atDay(1).atTime(LocalTime.of(1, 0)).atZone(kiritimati).toInstant();
        assertThat(LocalDate.ofInstant(lastEvening, ZoneId.of("UTC"))).isEqualTo(LocalDate.ofInstant(firstMorning, ZoneId.of("UTC")));
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 3, "servedAt", lastEvening.toString())), 201);
        k.expect(k.call("cook", HttpMethod.POST, k.path("/servings"), Map.of("mealId", "non", "portions", 5, "servedAt", firstMorning.toString())), 201);
        Map<?, ?> earlier = report(k, before);
        Map<?, ?> later = report(k, month);
        assertThat(earlier.get("prepared")).isEqualTo(3);
        assertThat(later.get("prepared")).isEqualTo(5);
        assertThat(figuresOf(line(later, "un"))).isEqualTo(figures(700, 0, 500, 0, 0, 200, 500, 5L, 0.0, "OK"));
    }

    @Test
    void aRecomputationWithAnIdempotencyKeyHappensOnce() {
        KitchenApi k = bakery("rep-idem");
        String key = uniqueId("recompute");
        var first = queries().post().uri(k.path("/reports/" + M + "/recompute")).header("Authorization", bearer("auditor"))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("warningThresholdPct", 5))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult();
        var again = queries().post().uri(k.path("/reports/" + M + "/recompute")).header("Authorization", bearer("auditor"))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("warningThresholdPct", 5))
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult();
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(report(k, M).get("version")).as("no second version").isEqualTo(IdempotencyTest.json(first.getResponseBody()).get("version"));
        queries().post().uri(k.path("/reports/" + M + "/recompute")).header("Authorization", bearer("auditor"))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("warningThresholdPct", 6))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void refusalsAndRoles() {
        KitchenApi k = bakery("rep-refuse");
        queries().get().uri(k.path("/reports/" + M)).header("Authorization", bearer("cook")).exchange().expectStatus().isForbidden();
        queries().post().uri(k.path("/reports/" + M + "/recompute")).header("Authorization", bearer("cook"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isForbidden();
        queries().get().uri(k.path("/reports/" + M)).header("Authorization", bearer("other-admin")).exchange().expectStatus().isNotFound();
        queries().get().uri(k.path("/reports/2026-13")).header("Authorization", bearer("auditor")).exchange().expectStatus().isBadRequest();
        queries().get().uri(k.path("/reports/" + M + "?version=99")).header("Authorization", bearer("auditor")).exchange().expectStatus().isNotFound();
        queries().post().uri(k.path("/reports/" + M + "/recompute")).header("Authorization", bearer("auditor"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("asKnownAt", Instant.now().plusSeconds(600).toString()))
                .exchange().expectStatus().isBadRequest();
        queries().post().uri(k.path("/reports/" + M + "/recompute")).header("Authorization", bearer("auditor"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("warningThresholdPct", 20, "misuseThresholdPct", 10))
                .exchange().expectStatus().isBadRequest();
        for (String role : List.of("admin", "manager", "auditor")) {
            queries().get().uri(k.path("/reports/" + M)).header("Authorization", bearer(role)).exchange().expectStatus().isOk();
        }
    }
}
