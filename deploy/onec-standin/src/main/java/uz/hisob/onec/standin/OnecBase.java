package uz.hisob.onec.standin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The data of the stand-in 1C base: the catalogue, prices by price type, stock by warehouse, clients, the agents who
 * may sign in, and the orders Hisob posted. Every change takes the next number of the base's change sequence; a paged
 * read answers the items changed after its cursor, in that order, so a reader that resumes from its last cursor
 * misses nothing and a change made while it reads comes again at the end (as 1C's exchange plans do).
 */
public final class OnecBase {

    /** A product of the catalogue (nomenclature). */
    public record Product(String code, String name, String article, String unit, String categoryCode, String categoryName,
                          List<String> barcodes, boolean deleted) {
    }

    /** A product's price of one price type, valid from an instant. */
    public record Price(String productCode, String priceTypeCode, String priceTypeName, BigDecimal price, String currency,
                        Instant validFrom) {
    }

    /** The quantity of a product in a warehouse, in the product's unit. */
    public record Stock(String productCode, String warehouseCode, String warehouseName, long quantity) {
    }

    /** A client (counterparty) and the agents who serve it. */
    public record Client(String code, String name, String legalName, String tin, String phone, String address, Double lat,
                         Double lon, List<String> agentCodes, String priceTypeCode, boolean deleted) {
    }

    /** An agent who may sign in: the login, the password 1C checks, the agent's code and name. */
    public record User(String login, String password, String agentCode, String fullName) {
    }

    /** One line of a posted order. */
    public record OrderLine(String productCode, long quantity, BigDecimal price) {
    }

    /** An order Hisob posted, by its {@code externalId}, with the number and status 1C gave it. */
    public record Order(String externalId, String number, String clientCode, String agentCode, Instant date, String currency,
                        List<OrderLine> lines, String comment, String status, Instant changedAt) {
    }

    /** A page of items changed after a cursor: the items, the cursor after the last one, whether more follow. */
    public record Page<T>(List<T> items, String next, boolean more) {
    }

    /** One kind of item, kept by key and by the number of its last change. */
    private static final class Table<T> {
        private final Map<String, T> byKey = new HashMap<>();
        private final Map<String, Long> seqOf = new HashMap<>();
        private final NavigableMap<Long, String> bySeq = new TreeMap<>();

        void put(String key, T item, long seq) {
            Long previous = seqOf.put(key, seq);
            if (previous != null) {
                bySeq.remove(previous);
            }
            byKey.put(key, item);
            bySeq.put(seq, key);
        }

        Page<T> page(String since, int limit) {
            long after = since == null || since.isBlank() ? 0 : Long.parseLong(since.trim());
            List<T> items = new ArrayList<>();
            long last = after;
            NavigableMap<Long, String> tail = bySeq.tailMap(after, false);
            for (Map.Entry<Long, String> e : tail.entrySet()) {
                if (items.size() == limit) {
                    break;
                }
                items.add(byKey.get(e.getValue()));
                last = e.getKey();
            }
            boolean more = !bySeq.tailMap(last, false).isEmpty();
            return new Page<>(items, Long.toString(last), more);
        }
    }

    private long seq;
    private final Table<Product> products = new Table<>();
    private final Table<Price> prices = new Table<>();
    private final Table<Stock> stock = new Table<>();
    private final Table<Client> clients = new Table<>();
    private final Table<Order> orderChanges = new Table<>();
    private final Map<String, User> users = new HashMap<>();
    private int orderNumbers;
    private int posted;

    public synchronized void putProduct(Product p) {
        products.put(p.code(), p, ++seq);
    }

    public synchronized void putPrice(Price p) {
        prices.put(p.productCode() + "|" + p.priceTypeCode(), p, ++seq);
    }

    public synchronized void putStock(Stock s) {
        stock.put(s.productCode() + "|" + s.warehouseCode(), s, ++seq);
    }

    public synchronized void putClient(Client c) {
        clients.put(c.code(), c, ++seq);
    }

    public synchronized void putUser(User u) {
        users.put(u.login(), u);
    }

    /** Changes a client in place, as a 1C user editing its card would; absent clients are left alone. */
    public synchronized void changeClient(String code, Function<Client, Client> change) {
        Client c = clients.byKey.get(code);
        if (c != null) {
            putClient(change.apply(c));
        }
    }

    public synchronized Page<Product> products(String since, int limit) {
        return products.page(since, limit);
    }

    public synchronized Page<Price> prices(String since, int limit) {
        return prices.page(since, limit);
    }

    public synchronized Page<Stock> stock(String since, int limit) {
        return stock.page(since, limit);
    }

    public synchronized Page<Client> clients(String since, int limit) {
        return clients.page(since, limit);
    }

    public synchronized Page<Order> orderStatuses(String since, int limit) {
        return orderChanges.page(since, limit);
    }

    public synchronized Client client(String code) {
        return clients.byKey.get(code);
    }

    public synchronized Product product(String code) {
        return products.byKey.get(code);
    }

    public synchronized User user(String login) {
        return users.get(login);
    }

    public synchronized int clientCount() {
        return clients.byKey.size();
    }

    public synchronized int productCount() {
        return products.byKey.size();
    }

    /**
     * Records an order, once per {@code externalId}: posted again, it answers the number it was first given and
     * creates nothing (the WSDL's idempotency).
     */
    public synchronized Order postOrder(String externalId, String clientCode, String agentCode, Instant date, String currency,
                                        List<OrderLine> lines, String comment, Instant now) {
        Order existing = orderChanges.byKey.get(externalId);
        if (existing != null) {
            return existing;
        }
        String number = String.format("ЗК-%06d", ++orderNumbers);
        Order order = new Order(externalId, number, clientCode, agentCode, date, currency, List.copyOf(lines), comment, "ACCEPTED", now);
        orderChanges.put(externalId, order, ++seq);
        posted++;
        return order;
    }

    /** The order as 1C holds it, or null. */
    public synchronized Order order(String externalId) {
        return orderChanges.byKey.get(externalId);
    }

    /** How many orders were created (a repeated post creates none). */
    public synchronized int ordersCreated() {
        return posted;
    }

    /** Moves an order to {@code status} (SHIPPED, CANCELLED), as a 1C user would; false when there is no such order. */
    public synchronized boolean setOrderStatus(String externalId, String status, Instant now) {
        Order o = orderChanges.byKey.get(externalId);
        if (o == null) {
            return false;
        }
        orderChanges.put(externalId, new Order(o.externalId(), o.number(), o.clientCode(), o.agentCode(), o.date(), o.currency(),
                o.lines(), o.comment(), status, now), ++seq);
        return true;
    }
}
