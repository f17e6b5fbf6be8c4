package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo kindergarten kitchen for the run command: 25 ingredients, a real 15-meal menu, three calendar months of
 * history (weekly deliveries, three meals a day for about 120 children six days a week, Saturday stock counts, a few
 * write-offs) and one month in which meat quietly goes missing — found by the counts, for the misuse report to flag.
 *
 * <p>Everything goes through the public HTTP API, in business-time order, as the kitchen's staff would have booked it
 * (back-dated): the ledger holds it like any other work. Nothing happens when the demo kitchen exists already.
 */
final class DemoData {

    static final String KITCHEN = "quyosh";
    static final ZoneId ZONE = ZoneId.of("Asia/Tashkent");
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** id, name, minimum stock (g). */
    private record Ingredient(String id, String name, long minStockGrams) {
    }

    private static final List<Ingredient> INGREDIENTS = List.of(
            new Ingredient("guruch", "Guruch", 8_000), new Ingredient("mol-goshti", "Mol go'shti", 6_000),
            new Ingredient("tovuq-goshti", "Tovuq go'shti", 4_000), new Ingredient("sabzi", "Sabzi", 6_000),
            new Ingredient("piyoz", "Piyoz", 3_000), new Ingredient("kartoshka", "Kartoshka", 10_000),
            new Ingredient("karam", "Karam", 4_000), new Ingredient("pomidor", "Pomidor", 2_000),
            new Ingredient("bodring", "Bodring", 2_000), new Ingredient("un", "Un", 5_000),
            new Ingredient("sut", "Sut", 15_000), new Ingredient("tuxum", "Tuxum", 3_000),
            new Ingredient("sariyog", "Sariyog'", 1_000), new Ingredient("paxta-yogi", "Paxta yog'i", 2_000),
            new Ingredient("shakar", "Shakar", 2_000), new Ingredient("tuz", "Tuz", 500),
            new Ingredient("makaron", "Makaron", 3_000), new Ingredient("grechka", "Grechka", 3_000),
            new Ingredient("manna", "Manna yormasi", 2_000), new Ingredient("noxat", "No'xat", 1_500),
            new Ingredient("mosh", "Mosh", 1_500), new Ingredient("olma", "Olma", 5_000),
            new Ingredient("qatiq", "Qatiq", 6_000), new Ingredient("non", "Non", 6_000),
            new Ingredient("choy", "Ko'k choy", 200));

    /** id, name, recipe (ingredient id → grams per child portion). */
    private record Meal(String id, String name, Map<String, Long> recipe) {
    }

    private static Map<String, Long> r(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    private static final List<Meal> MEALS = List.of(
            new Meal("sutli-guruch", "Sutli guruch bo'tqasi", r("guruch", 35, "sut", 150, "shakar", 8, "sariyog", 5, "tuz", 1)),
            new Meal("manna-botqa", "Manna bo'tqasi", r("manna", 30, "sut", 160, "shakar", 8, "sariyog", 5)),
            new Meal("grechka-botqa", "Sutli grechka", r("grechka", 40, "sut", 120, "sariyog", 5, "tuz", 1)),
            new Meal("omlet", "Omlet va non", r("tuxum", 60, "sut", 40, "sariyog", 4, "non", 40, "tuz", 1)),
            new Meal("palov", "Palov", r("guruch", 60, "mol-goshti", 40, "sabzi", 40, "piyoz", 15, "paxta-yogi", 10, "tuz", 1)),
            new Meal("mastava", "Mastava", r("guruch", 25, "mol-goshti", 30, "kartoshka", 40, "sabzi", 20, "piyoz", 10, "pomidor", 10, "tuz", 1)),
            new Meal("moshxorda", "Moshxo'rda", r("mosh", 25, "guruch", 20, "mol-goshti", 25, "kartoshka", 30, "piyoz", 10, "tuz", 1)),
            new Meal("shorva", "No'xat sho'rva", r("mol-goshti", 40, "noxat", 20, "kartoshka", 60, "sabzi", 20, "piyoz", 10, "tuz", 1)),
            new Meal("makaron", "Go'shtli makaron", r("makaron", 50, "mol-goshti", 35, "piyoz", 10, "paxta-yogi", 5, "tuz", 1)),
            new Meal("pyure-tovuq", "Kartoshka pyuresi tovuq bilan", r("kartoshka", 120, "tovuq-goshti", 50, "sut", 30, "sariyog", 5, "tuz", 1)),
            new Meal("karam-shorva", "Karamli sho'rva", r("karam", 60, "kartoshka", 40, "tovuq-goshti", 30, "sabzi", 15, "tuz", 1)),
            new Meal("salat", "Sabzavotli salat", r("pomidor", 40, "bodring", 40, "paxta-yogi", 3, "tuz", 1)),
            new Meal("qatiq-non", "Qatiq va non", r("qatiq", 150, "non", 40)),
            new Meal("olma-pishiriq", "Olmali pishiriq", r("un", 40, "olma", 50, "tuxum", 15, "shakar", 10, "sariyog", 5)),
            new Meal("choy-non", "Ko'k choy va non", r("choy", 2, "non", 40, "shakar", 5)));

    private static final List<String> BREAKFASTS = List.of("sutli-guruch", "manna-botqa", "omlet", "grechka-botqa", "sutli-guruch", "omlet");
    private static final List<String> LUNCHES = List.of("palov", "mastava", "pyure-tovuq", "moshxorda", "shorva", "makaron");
    private static final List<String> SNACKS = List.of("qatiq-non", "olma-pishiriq", "salat", "choy-non", "karam-shorva", "qatiq-non");

    private final DemoClient client;
    private final Map<String, Long> ledger = new HashMap<>();

    private DemoData(String commandUrl) {
        this.client = new DemoClient(commandUrl);
    }

    /** The month whose meat went missing: two months before the current one. */
    static YearMonth meatMonth(LocalDate today) {
        return YearMonth.from(today).minusMonths(2);
    }

    static void ensure(String commandUrl, String queryUrl) {
        ensure(commandUrl, queryUrl, LocalDate.now(ZONE));
    }

    /** As {@link #ensure(String, String)}, with the history ending the day before {@code today}. */
    static void ensure(String commandUrl, String queryUrl, LocalDate today) {
        DemoData demo = new DemoData(commandUrl);
        try {
            if (demo.client.exists(queryUrl, "/api/kitchens/" + KITCHEN)) {
                return;
            }
            long started = System.nanoTime();
            log.info("Creating the demo kitchen '{}' with three months of history (once)…", KITCHEN);
            demo.generate(today);
            log.info("Demo kitchen created: {} commands in {} ms", demo.client.commands(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the demo data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void generate(LocalDate today) throws IOException, InterruptedException {
        post("admin", "/api/kitchens", Map.of("id", KITCHEN, "name", "Quyosh bog'chasi oshxonasi", "timezone", ZONE.getId()));
        for (Ingredient i : INGREDIENTS) {
            post("manager", kitchen("/ingredients"), Map.of("id", i.id(), "name", i.name(), "minStockGrams", i.minStockGrams()));
            ledger.put(i.id(), 0L);
        }
        for (Meal m : MEALS) {
            List<Map<String, Object>> recipe = new ArrayList<>();
            m.recipe().forEach((ingredient, grams) -> recipe.add(Map.of("ingredientId", ingredient, "gramsPerPortion", grams)));
            post("manager", kitchen("/meals"), Map.of("id", m.id(), "name", m.name(), "recipe", recipe));
        }
        YearMonth missing = meatMonth(today);
        LocalDate start = YearMonth.from(today).minusMonths(3).atDay(1);
        long meatUsedThisWeek = 0;
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            DayOfWeek dow = day.getDayOfWeek();
            if (dow == DayOfWeek.SUNDAY) {
                continue;
            }
            if (dow == DayOfWeek.MONDAY || day.equals(start)) {
                deliverForWeek(day);
            }
            int week = day.getDayOfYear() / 7;
            int children = 112 + (day.getDayOfMonth() * 7 + dow.getValue() * 3) % 15; // 112–126 present
            String[] menu = {BREAKFASTS.get((dow.getValue() - 1 + week) % 6), LUNCHES.get((dow.getValue() - 1 + week) % 6),
                SNACKS.get((dow.getValue() - 1 + week) % 6)};
            LocalTime[] times = {LocalTime.of(8, 30), LocalTime.of(12, 30), LocalTime.of(16, 0)};
            for (int i = 0; i < 3; i++) {
                Meal meal = meal(menu[i]);
                post("cook", kitchen("/servings"), Map.of("mealId", meal.id(), "portions", children,
                        "servedAt", day.atTime(times[i]).atZone(ZONE).toInstant().toString()));
                for (Map.Entry<String, Long> line : meal.recipe().entrySet()) {
                    ledger.merge(line.getKey(), -line.getValue() * children, Long::sum);
                }
                meatUsedThisWeek += meal.recipe().getOrDefault("mol-goshti", 0L) * children;
            }
            if (day.getDayOfMonth() == 11 && dow != DayOfWeek.SATURDAY) {
                writeOff(day, "sut", 3_000, "Sut achib qoldi (muzlatgich buzildi)");
            }
            if (day.getDayOfMonth() == 23 && dow != DayOfWeek.SATURDAY) {
                writeOff(day, "olma", 1_000, "Olmalar chirib qoldi");
            }
            if (dow == DayOfWeek.SATURDAY) {
                // in the meat month about a fifth of the beef the menu used disappears again each week
                long meatGone = YearMonth.from(day).equals(missing) ? meatUsedThisWeek / 5 : 0;
                count(day, meatGone);
                meatUsedThisWeek = 0;
            }
        }
    }

    private void deliverForWeek(LocalDate monday) throws IOException, InterruptedException {
        Map<String, Long> need = new HashMap<>();
        for (int d = 0; d < 6; d++) {
            DayOfWeek dow = monday.plusDays(d).getDayOfWeek();
            int week = monday.plusDays(d).getDayOfYear() / 7;
            for (List<String> course : List.of(BREAKFASTS, LUNCHES, SNACKS)) {
                meal(course.get((dow.getValue() - 1 + week) % 6)).recipe().forEach((i, g) -> need.merge(i, g * 126, Long::sum));
            }
        }
        for (Ingredient i : INGREDIENTS) {
            long target = need.getOrDefault(i.id(), 0L) * 13 / 10 + i.minStockGrams() * 2; // the week, a margin, the minimum
            long grams = Math.max(0, target - ledger.get(i.id()));
            grams = (grams + 999) / 1000 * 1000; // suppliers deliver whole kilograms
            if (grams > 0) {
                post("manager", kitchen("/deliveries"), Map.of("ingredientId", i.id(), "grams", grams,
                        "deliveredOn", monday.toString(), "supplier", i.id().contains("goshti") ? "Qassob Rustam aka" : "Chorsu bozori"));
                ledger.merge(i.id(), grams, Long::sum);
            }
        }
    }

    private void writeOff(LocalDate day, String ingredient, long grams, String reason) throws IOException, InterruptedException {
        if (ledger.get(ingredient) >= grams) {
            post("manager", kitchen("/write-offs"), Map.of("ingredientId", ingredient, "grams", grams, "reason", reason,
                    "writtenOffOn", day.toString()));
            ledger.merge(ingredient, -grams, Long::sum);
        }
    }

    private void count(LocalDate saturday, long meatGone) throws IOException, InterruptedException {
        List<Map<String, Object>> counts = new ArrayList<>();
        for (Ingredient i : INGREDIENTS) {
            long found = i.id().equals("mol-goshti") ? Math.max(0, ledger.get(i.id()) - meatGone) : ledger.get(i.id());
            counts.add(Map.of("ingredientId", i.id(), "grams", found));
            ledger.put(i.id(), found);
        }
        post("manager", kitchen("/stock-counts"), Map.of("countedAt", saturday.atTime(18, 0).atZone(ZONE).toInstant().toString(),
                "counts", counts));
    }

    private static Meal meal(String id) {
        return MEALS.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static String kitchen(String suffix) {
        return "/api/kitchens/" + KITCHEN + suffix;
    }

    private void post(String user, String path, Map<String, ?> body) throws IOException, InterruptedException {
        client.post(user, path, body);
    }
}
