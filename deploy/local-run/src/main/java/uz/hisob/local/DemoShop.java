package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo shop chain for the run command: two warehouses and two shops in Tashkent, 300 products in 20 categories
 * with Uzbek and Russian names and EAN-13 barcodes, a default price list in UZS, and a month of stock work: weekly
 * receipts at the warehouses, transfers to the shops (some arriving short), write-offs, minimums and a count.
 *
 * <p>Everything goes through the public HTTP API as the staff would book it: receipts and write-offs carry their
 * business dates over the past month; the ledger records when each was booked. Nothing happens when the demo
 * warehouse exists already.
 */
final class DemoShop {

    static final String WAREHOUSE = "sergeli-ombor";
    static final String SECOND_WAREHOUSE = "yunusobod-ombor";
    static final List<String> SHOPS = List.of("chilonzor-dokon", "mirobod-dokon");
    static final String PRICE_LIST = "chakana";
    private static final Logger log = LoggerFactory.getLogger(DemoShop.class);

    /** A category and its five kinds of product, each an Uzbek and a Russian name, sold in a unit at a base price. */
    private record Category(String id, String name, String unit, long basePrice, String[][] kinds) {
    }

    private static String[][] k(String... pairs) {
        String[][] kinds = new String[pairs.length / 2][];
        for (int i = 0; i < pairs.length; i += 2) {
            kinds[i / 2] = new String[] {pairs[i], pairs[i + 1]};
        }
        return kinds;
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category("non", "Non mahsulotlari", "pcs", 4_000, k("Patir non", "Хлеб патыр", "Obi non", "Лепёшка оби", "Batin", "Батон",
                    "Qora non", "Хлеб ржаной", "Kulcha", "Кульча")),
            new Category("sut", "Sut mahsulotlari", "ml", 12_000, k("Sut", "Молоко", "Qatiq", "Катык", "Kefir", "Кефир",
                    "Ayron", "Айран", "Qaymoq", "Сливки")),
            new Category("pishloq", "Pishloq va tvorog", "g", 60_000, k("Suzma", "Сузьма", "Tvorog", "Творог", "Brinza", "Брынза",
                    "Gollandiya pishlog'i", "Сыр голландский", "Qurt", "Курт")),
            new Category("gosht", "Go'sht", "g", 95_000, k("Mol go'shti", "Говядина", "Qo'y go'shti", "Баранина", "Qiyma", "Фарш",
                    "Jigar", "Печень", "Qazi", "Казы")),
            new Category("parranda", "Parranda go'shti", "g", 38_000, k("Tovuq butun", "Курица целая", "Tovuq soni", "Куриные бёдра",
                    "Tovuq filesi", "Куриное филе", "Bedana", "Перепёлка", "Kurka", "Индейка")),
            new Category("guruch", "Guruch va yormalar", "g", 22_000, k("Devzira guruch", "Рис девзира", "Lazer guruch", "Рис лазер",
                    "Grechka", "Гречка", "Mosh", "Маш", "No'xat", "Нут")),
            new Category("un", "Un va makaron", "g", 9_000, k("Oliy nav un", "Мука высший сорт", "Makaron", "Макароны", "Vermishel", "Вермишель",
                    "Lag'mon xamiri", "Лапша для лагмана", "Manna yormasi", "Манная крупа")),
            new Category("yog", "Yog'lar", "ml", 25_000, k("Paxta yog'i", "Хлопковое масло", "Kungaboqar yog'i", "Подсолнечное масло",
                    "Zaytun yog'i", "Оливковое масло", "Sariyog'", "Сливочное масло", "Dumba yog'i", "Курдючный жир")),
            new Category("sabzavot", "Sabzavotlar", "g", 6_000, k("Sariq sabzi", "Морковь жёлтая", "Piyoz", "Лук репчатый",
                    "Kartoshka", "Картофель", "Pomidor", "Помидоры", "Bodring", "Огурцы")),
            new Category("meva", "Mevalar", "g", 18_000, k("Olma", "Яблоки", "Anor", "Гранат", "Uzum", "Виноград",
                    "Shaftoli", "Персики", "Qovun", "Дыня")),
            new Category("quruq-meva", "Quruq mevalar", "g", 70_000, k("Mayiz", "Изюм", "O'rik qoqi", "Курага", "Yong'oq", "Грецкий орех",
                    "Bodom", "Миндаль", "Pista", "Фисташки")),
            new Category("choy", "Choy va qahva", "g", 45_000, k("Ko'k choy", "Зелёный чай", "Qora choy", "Чёрный чай",
                    "Kofe donasi", "Кофе в зёрнах", "Eriydigan kofe", "Растворимый кофе", "Kakao", "Какао")),
            new Category("ichimlik", "Ichimliklar", "ml", 8_000, k("Mineral suv", "Минеральная вода", "Gazli suv", "Газированная вода",
                    "Olma sharbati", "Яблочный сок", "Kompot", "Компот", "Limonad", "Лимонад")),
            new Category("shirinlik", "Shirinliklar", "pcs", 15_000, k("Navvot", "Наввот", "Parvarda", "Парварда", "Holva", "Халва",
                    "Shokolad", "Шоколад", "Pechenye", "Печенье")),
            new Category("konserva", "Konservalar", "pcs", 20_000, k("Tushonka", "Тушёнка", "Ko'k no'xat", "Зелёный горошек",
                    "Makkajo'xori", "Кукуруза", "Tomat pastasi", "Томатная паста", "Baliq konservasi", "Рыбные консервы")),
            new Category("ziravor", "Ziravorlar", "g", 80_000, k("Zira", "Зира", "Qalampir", "Перец", "Zirk", "Барбарис",
                    "Kashnich urug'i", "Кориандр", "Tuz", "Соль")),
            new Category("tozalash", "Tozalash vositalari", "pcs", 28_000, k("Kir yuvish kukuni", "Стиральный порошок", "Idish yuvish vositasi",
                    "Средство для посуды", "Sovun", "Мыло", "Oqartirgich", "Отбеливатель", "Shisha tozalagich", "Средство для стёкол")),
            new Category("gigiyena", "Shaxsiy gigiyena", "pcs", 22_000, k("Tish pastasi", "Зубная паста", "Shampun", "Шампунь",
                    "Tish cho'tkasi", "Зубная щётка", "Qog'oz sochiq", "Бумажные полотенца", "Hojatxona qog'ozi", "Туалетная бумага")),
            new Category("bolalar", "Bolalar uchun", "pcs", 55_000, k("Taglik", "Подгузники", "Bolalar bo'tqasi", "Детская каша",
                    "Bolalar pyuresi", "Детское пюре", "Nam salfetka", "Влажные салфетки", "Bolalar sharbati", "Детский сок")),
            new Category("uy", "Uy-ro'zg'or buyumlari", "pcs", 35_000, k("Piyola", "Пиала", "Choynak", "Чайник заварочный",
                    "Lagan", "Ляган", "Qozon", "Казан", "Pichoq", "Нож")));

    /**
     * Three variants of each kind and a factor of the base price: grades of what is weighed or poured (sold by the
     * gram or millilitre, priced per kilogram or litre), sizes of what is sold by the piece.
     */
    private static final String[][] VARIANTS_WEIGHED = {{"oliy nav", "1.2"}, {"1-nav", "1"}, {"2-nav", "0.8"}};
    private static final String[][] VARIANTS_POURED = {{"premium", "1.3"}, {"standart", "1"}, {"ekonom", "0.8"}};
    private static final String[][] VARIANTS_PIECES = {{"kichik", "0.7"}, {"o'rta", "1"}, {"katta", "1.5"}};

    private final DemoClient client;
    private final Map<String, Long> stock = new HashMap<>(); // location/product -> on hand, as booked
    private final List<String> productIds = new ArrayList<>();

    private DemoShop(String commandUrl) {
        this.client = new DemoClient(commandUrl);
    }

    static void ensure(String commandUrl, String queryUrl) {
        ensure(commandUrl, queryUrl, LocalDate.now(DemoData.ZONE));
    }

    /** As {@link #ensure(String, String)}, with the month of stock work ending the day before {@code today}. */
    static void ensure(String commandUrl, String queryUrl, LocalDate today) {
        DemoShop demo = new DemoShop(commandUrl);
        try {
            if (demo.client.exists(queryUrl, "/api/inventory/locations/" + WAREHOUSE)) {
                return;
            }
            long started = System.nanoTime();
            log.info("Creating the demo shops: 300 products, 2 warehouses, 2 shops and a month of stock work (once)…");
            demo.generate(today);
            log.info("Demo shops created: {} commands in {} ms", demo.client.commands(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the demo shop data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The barcode of the n-th demo product: EAN-13 under Uzbekistan's GS1 prefix 478, with its check digit. */
    static String barcode(int n) {
        String twelve = "478" + String.format("%09d", 200_000 + n);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelve + (10 - sum % 10) % 10;
    }

    private void generate(LocalDate today) throws IOException, InterruptedException {
        post("manager", "/api/inventory/locations", Map.of("id", WAREHOUSE, "name", "Sergeli markaziy ombori", "kind", "WAREHOUSE",
                "address", "Toshkent, Sergeli tumani, Yangi Sergeli ko'chasi 11", "timezone", "Asia/Tashkent"));
        post("manager", "/api/inventory/locations", Map.of("id", SECOND_WAREHOUSE, "name", "Yunusobod ombori", "kind", "WAREHOUSE",
                "address", "Toshkent, Yunusobod tumani, Amir Temur shoh ko'chasi 108", "timezone", "Asia/Tashkent"));
        post("manager", "/api/inventory/locations", Map.of("id", SHOPS.get(0), "name", "Chilonzor do'koni", "kind", "SHOP",
                "address", "Toshkent, Chilonzor tumani, Bunyodkor shoh ko'chasi 21", "timezone", "Asia/Tashkent"));
        post("manager", "/api/inventory/locations", Map.of("id", SHOPS.get(1), "name", "Mirobod do'koni", "kind", "SHOP",
                "address", "Toshkent, Mirobod tumani, Mirobod ko'chasi 5", "timezone", "Asia/Tashkent"));

        post("manager", "/api/catalog/price-lists", Map.of("id", PRICE_LIST, "name", "Chakana narxlar", "currency", "UZS",
                "taxIncluded", true, "default", true));
        List<Map<String, Object>> prices = new ArrayList<>();
        int n = 0;
        for (Category c : CATEGORIES) {
            post("manager", "/api/catalog/categories", Map.of("id", c.id(), "name", c.name()));
            String[][] variants = switch (c.unit()) {
                case "g" -> VARIANTS_WEIGHED;
                case "ml" -> VARIANTS_POURED;
                default -> VARIANTS_PIECES;
            };
            for (int kind = 0; kind < c.kinds().length; kind++) {
                for (int v = 0; v < variants.length; v++) {
                    n++;
                    String id = c.id() + "-" + (kind + 1) + "-" + (v + 1);
                    // half the catalogue is named in Uzbek, half in Russian, as the shelves of Tashkent are
                    String name = c.kinds()[kind][(kind + v) % 2] + " " + variants[v][0];
                    Map<String, Object> product = new LinkedHashMap<>();
                    product.put("id", id);
                    product.put("sku", "HS-" + String.format("%04d", n));
                    product.put("name", name);
                    product.put("description", c.kinds()[kind][0] + " / " + c.kinds()[kind][1]);
                    product.put("categoryId", c.id());
                    product.put("unit", c.unit());
                    product.put("barcodes", List.of(barcode(n)));
                    product.put("taxRatePct", 12);
                    product.put("onecCode", String.format("00-%06d", n));
                    post("manager", "/api/catalog/products", product);
                    productIds.add(id);
                    // a price is per unit of the product: a piece, or a gram or millilitre of a price per kilogram or litre
                    long price = Math.round(c.basePrice() * Double.parseDouble(variants[v][1]) * (1 + kind * 0.15) / 100) * 100;
                    prices.add(Map.of("productId", id, "price", perUnit(c.unit(), price)));
                }
            }
        }
        put("manager", "/api/catalog/price-lists/" + PRICE_LIST + "/prices", Map.of("prices", prices));

        // a month of stock work: a receipt at each warehouse every week, shops supplied from them
        LocalDate start = today.minusDays(28);
        for (int week = 0; week < 4; week++) {
            LocalDate monday = start.plusDays(7L * week);
            receipt(WAREHOUSE, monday, week, 0);
            receipt(SECOND_WAREHOUSE, monday.plusDays(1), week, 1);
            for (int s = 0; s < SHOPS.size(); s++) {
                transfer(s == 0 ? WAREHOUSE : SECOND_WAREHOUSE, SHOPS.get(s), week, s);
            }
            writeOff(SHOPS.get(week % 2), monday.plusDays(4), week);
        }
        for (String shop : SHOPS) {
            List<Map<String, Object>> minimums = new ArrayList<>();
            for (int i = 0; i < productIds.size(); i += 3) {
                minimums.add(Map.of("productId", productIds.get(i), "minQuantity", minimum(productIds.get(i))));
            }
            put("manager", "/api/inventory/minimums", Map.of("locationId", shop, "items", minimums));
        }
        count(SHOPS.get(0));
    }

    private static String unitOf(String productId) {
        String category = productId.substring(0, productId.lastIndexOf('-', productId.lastIndexOf('-') - 1));
        return CATEGORIES.stream().filter(c -> c.id().equals(category)).findFirst().orElseThrow().unit();
    }

    /** Money per unit of the product, from an amount per piece, or per kilogram or litre (a multiple of 10). */
    private static String perUnit(String unit, long amount) {
        return "pcs".equals(unit) ? amount + ".00" : java.math.BigDecimal.valueOf(amount).movePointLeft(3).setScale(2).toPlainString();
    }

    /** A quantity of {@code units} pieces, in the product's unit (weighed and poured goods by the kilogram or litre). */
    private static long quantity(String productId, long units) {
        return "pcs".equals(unitOf(productId)) ? units : units * 1000;
    }

    private static long minimum(String productId) {
        return quantity(productId, 25);
    }

    private void receipt(String warehouse, LocalDate on, int week, int salt) throws IOException, InterruptedException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = (week + salt) % 2; i < productIds.size(); i += 2) {
            String id = productIds.get(i);
            long units = 40 + (i * 7L + week * 13L + salt * 5L) % 60;
            long quantity = quantity(id, units);
            long cost = (2_000 + (i * 37L) % 50_000) / 10 * 10; // per piece, kilogram or litre
            lines.add(Map.of("productId", id, "quantity", quantity, "unitCost", perUnit(unitOf(id), cost)));
            stock.merge(warehouse + "/" + id, quantity, Long::sum);
        }
        post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse, "lines", lines, "receivedOn", on.toString(),
                "supplier", salt == 0 ? "Toshkent ulgurji bazasi" : "Oziq-ovqat savdo MChJ", "currency", "UZS"));
    }

    private void transfer(String from, String shop, int week, int salt) throws IOException, InterruptedException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = (week * 3 + salt) % 4; i < productIds.size(); i += 4) {
            String id = productIds.get(i);
            long available = stock.getOrDefault(from + "/" + id, 0L);
            long quantity = Math.min(available, quantity(id, 15 + (i + week) % 20));
            if (quantity > 0) {
                lines.add(Map.of("productId", id, "quantity", quantity));
                stock.merge(from + "/" + id, -quantity, Long::sum);
            }
        }
        String transferId = "demo-tr-" + week + "-" + salt;
        post("keeper", "/api/inventory/transfers", Map.of("id", transferId, "fromLocationId", from, "toLocationId", shop, "lines", lines));
        // the first line of every other transfer arrives one short: the transfer's loss
        List<Map<String, Object>> received = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            long sent = (Long) line.get("quantity");
            long got = received.isEmpty() && week % 2 == 1 ? sent - 1 : sent;
            if (got != sent) {
                received.add(Map.of("productId", line.get("productId"), "quantity", got));
            }
            stock.merge(shop + "/" + line.get("productId"), got, Long::sum);
        }
        post("keeper", "/api/inventory/transfers/" + transferId + "/receive", Map.of("lines", received));
    }

    private void writeOff(String shop, LocalDate on, int week) throws IOException, InterruptedException {
        String product = productIds.get((week * 41) % productIds.size());
        long onHand = stock.getOrDefault(shop + "/" + product, 0L);
        long quantity = Math.min(onHand, quantity(product, 2));
        if (quantity > 0) {
            post("keeper", "/api/inventory/write-offs", Map.of("locationId", shop, "lines", List.of(Map.of("productId", product,
                    "quantity", quantity)), "reason", week % 2 == 0 ? "Yaroqlilik muddati o'tgan" : "Qadoq shikastlangan",
                    "writtenOffOn", on.toString()));
            stock.merge(shop + "/" + product, -quantity, Long::sum);
        }
    }

    /** The shop's keeper counts ten shelves; two of them hold one unit fewer than the ledger says. */
    private void count(String shop) throws IOException, InterruptedException {
        List<Map<String, Object>> lines = new ArrayList<>();
        int counted = 0;
        for (String id : productIds) {
            long onHand = stock.getOrDefault(shop + "/" + id, 0L);
            if (onHand > 0 && counted < 10) {
                long found = counted % 5 == 0 ? onHand - 1 : onHand;
                lines.add(Map.of("productId", id, "quantity", found));
                stock.put(shop + "/" + id, found);
                counted++;
            }
        }
        post("keeper", "/api/inventory/counts", Map.of("locationId", shop, "lines", lines));
    }

    private void post(String user, String path, Map<String, ?> body) throws IOException, InterruptedException {
        client.post(user, path, body);
    }

    private void put(String user, String path, Map<String, ?> body) throws IOException, InterruptedException {
        client.put(user, path, body);
    }
}
