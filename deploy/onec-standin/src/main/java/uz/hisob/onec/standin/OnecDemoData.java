package uz.hisob.onec.standin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo base of the embedded default (onec.md): clients around Tashkent, a catalogue with Cyrillic names and
 * EAN-13 barcodes, two price types and two warehouses, and the agents who sign in through it. The first 2 000 clients
 * are those the run command's demo registered in the project {@code toshkent} (codes {@code K-00001…}), so the first
 * sync finds them by their 1C code; the generator is deterministic, so every start builds the same base.
 */
public final class OnecDemoData {

    public static final double LAT = 41.3111;
    public static final double LON = 69.2797;
    public static final String WHOLESALE = "000000001";
    public static final String RETAIL = "000000002";
    /** The agents' 1C codes, by their Hisob user names in the demo. */
    public static final String AGENT_CODE = "A-001";
    public static final String AGENT2_CODE = "A-002";

    private static final String[] NAMES = {"Baraka", "Nur", "Oila", "Sharq", "Zarafshon", "Bahor", "Orzu", "Ko'kcha", "Istiqlol", "Mehr",
            "Saodat", "Farovon", "Yulduz", "Hamkor", "Tong", "Восток", "Радуга", "Семья", "Удача", "Солнечный", "Тимур", "Самарканд",
            "Меридиан", "Корзинка", "Ассорти"};
    private static final String[] KINDS = {"do'koni", "market", "savdo uyi", "oziq-ovqat", "minimarket", "магазин", "минимаркет",
            "продукты", "дорихона", "kafe"};
    private static final String[] DISTRICTS = {"Chilonzor", "Yunusobod", "Mirobod", "Yakkasaroy", "Shayxontohur", "Olmazor", "Sergeli",
            "Bektemir", "Mirzo Ulug'bek", "Yashnobod", "Uchtepa", "Yangihayot"};
    private static final String[] STREETS = {"Bunyodkor", "Amir Temur", "Mustaqillik", "Navoiy", "Qatortol", "Furqat", "Beruniy",
            "Bobur", "Shota Rustaveli", "Farg'ona yo'li"};

    private static final String[][] CATEGORIES = {
            {"Н-01", "Напитки", "Вода минеральная|Сок|Лимонад|Холодный чай|Квас"},
            {"Н-02", "Кондитерские изделия", "Печенье|Вафли|Конфеты|Шоколад|Пряники"},
            {"Н-03", "Бакалея", "Рис|Мука|Макароны|Масло подсолнечное|Сахар"},
            {"Н-04", "Молочная продукция", "Молоко|Кефир|Сузьма|Йогурт|Сметана"},
            {"Н-05", "Бытовая химия", "Стиральный порошок|Средство для посуды|Мыло|Шампунь|Зубная паста"}};
    private static final String[] BRANDS = {"Нестле", "Hayat", "Musaffo", "Bonvita", "Toshkent sut", "Кухмастер", "Lazzat",
            "Ariel", "Fairy", "Oltin don"};
    private static final String[] SIZES = {"0,5 л", "1 л", "1,5 л", "200 г", "400 г", "900 г", "1 кг", "5 кг", "250 мл", "75 мл"};

    private OnecDemoData() {
    }

    /** A demo client and where it actually is (also for those whose card in 1C has no coordinates). */
    public record Outlet(OnecBase.Client client, double lat, double lon) {
    }

    /** The demo base: {@code clients} clients, {@code products} products with both prices and stock in both warehouses. */
    public static OnecBase base(int clients, int products) {
        OnecBase base = new OnecBase();
        for (Outlet o : outlets(clients)) {
            base.putClient(o.client());
        }
        Instant validFrom = Instant.parse("2026-11-01T00:00:00Z");
        Random r = new Random(1);
        for (int n = 1; n <= products; n++) {
            OnecBase.Product p = product(n);
            base.putProduct(p);
            long wholesale = 1_000L * (3 + r.nextInt(120));
            base.putPrice(new OnecBase.Price(p.code(), WHOLESALE, "Оптовая", BigDecimal.valueOf(wholesale), "UZS", validFrom));
            base.putPrice(new OnecBase.Price(p.code(), RETAIL, "Розничная", BigDecimal.valueOf(wholesale * 6 / 5 / 100 * 100), "UZS",
                    validFrom));
            base.putStock(new OnecBase.Stock(p.code(), "С-01", "Основной склад", r.nextInt(2_000)));
            base.putStock(new OnecBase.Stock(p.code(), "С-02", "Склад Чиланзар", r.nextInt(300)));
        }
        base.putUser(new OnecBase.User("agent", "agent", AGENT_CODE, "Azizbek Karimov"));
        base.putUser(new OnecBase.User("agent2", "agent2", AGENT2_CODE, "Dilnoza Yusupova"));
        return base;
    }

    /** The embedded default's base: 2 000 clients, 500 products. */
    public static OnecBase demo() {
        return base(2000, 500);
    }

    /** The clients, in code order: clustered in 20 neighbourhoods of Tashkent, a hundred each, served alternately by the two agents. */
    public static List<Outlet> outlets(int count) {
        Random random = new Random(14);
        double[][] centres = new double[20][];
        for (int c = 0; c < 20; c++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double km = 1 + random.nextDouble() * 8;
            centres[c] = new double[] {LAT + km / 111.2 * Math.sin(angle), LON + km / (111.2 * Math.cos(Math.toRadians(LAT))) * Math.cos(angle)};
        }
        List<Outlet> outlets = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            int cluster = ((n - 1) / 100) % 20;
            double[] centre = centres[cluster];
            double lat = centre[0] + (random.nextDouble() - 0.5) * 0.012;
            double lon = centre[1] + (random.nextDouble() - 0.5) * 0.016;
            String name = NAMES[random.nextInt(NAMES.length)] + " " + KINDS[random.nextInt(KINDS.length)] + " №" + n;
            String legalName = NAMES[random.nextInt(NAMES.length)] + (n % 2 == 0 ? " savdo MChJ" : " ООО");
            String address = "Toshkent, " + DISTRICTS[cluster % DISTRICTS.length] + " tumani, " + STREETS[random.nextInt(STREETS.length)]
                    + " ko'chasi " + (1 + random.nextInt(120));
            // some outlets were never visited: their card has no coordinates
            boolean located = n % 50 != 0;
            OnecBase.Client c = new OnecBase.Client(code(n), name, legalName, Integer.toString(300_000_000 + n * 37),
                    String.format("+99890%07d", 1_000_000 + n), address, located ? round(lat) : null, located ? round(lon) : null,
                    List.of(cluster % 2 == 0 ? AGENT_CODE : AGENT2_CODE), n % 3 == 0 ? WHOLESALE : RETAIL, false);
            outlets.add(new Outlet(c, lat, lon));
        }
        return outlets;
    }

    /** The 1C code of the n-th demo client. */
    public static String code(int n) {
        return String.format("K-%05d", n);
    }

    /** The n-th product: a brand's item of a category, with its size, article and an EAN-13 barcode. */
    public static OnecBase.Product product(int n) {
        String[] category = CATEGORIES[(n - 1) % CATEGORIES.length];
        String[] items = category[2].split("\\|");
        String item = items[((n - 1) / CATEGORIES.length) % items.length];
        String brand = BRANDS[((n - 1) / (CATEGORIES.length * items.length)) % BRANDS.length];
        String size = SIZES[(n * 7) % SIZES.length];
        String code = String.format("Т-%05d", n);
        return new OnecBase.Product(code, item + " «" + brand + "» " + size + (n > 250 ? " (" + (n / 250) + ")" : ""),
                String.format("АРТ-%05d", n), "pcs", category[0], category[1], List.of(ean13("478" + String.format("%09d", n))), false);
    }

    /** An EAN-13 from its first twelve digits (478: Uzbekistan's GS1 prefix) and the check digit. */
    public static String ean13(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = twelve.charAt(i) - '0';
            sum += i % 2 == 0 ? d : 3 * d;
        }
        return twelve + (10 - sum % 10) % 10;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
