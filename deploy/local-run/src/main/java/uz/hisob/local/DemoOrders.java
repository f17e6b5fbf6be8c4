package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's orders (docs/commerce.md, "Orders and payments"), once, after the demo shops: the warehouses'
 * priority, and five orders of the demo customer and manager that show every way an order goes: cash on delivery
 * (confirmed), a card payment made at the Stripe stand-in (confirmed by its signed webhook), a card payment left
 * unpaid (it expires after the reservation time), an invoice fulfilled and completed, and a cancelled one.
 */
final class DemoOrders {

    private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);
    static final String COD = "demo-order-1";
    static final String PAID = "demo-order-2";
    static final String UNPAID = "demo-order-3";
    static final String FULFILLED = "demo-order-4";
    static final String CANCELLED = "demo-order-5";
    static final List<String> PRODUCTS = List.of("non-1-1", "non-2-1", "non-3-1");

    private DemoOrders() {
    }

    static void ensure(String commandUrl, String queryUrl, String stripeUrl) {
        DemoClient client = new DemoClient(commandUrl);
        try {
            if (client.exists(queryUrl, "/api/orders/" + COD)) {
                return;
            }
            client.put("manager", "/api/sales/settings", Map.of("warehousePriority", List.of(DemoShop.WAREHOUSE, DemoShop.SECOND_WAREHOUSE)));
            Map<String, Object> home = Map.of("address", "Toshkent, Chilonzor 9-kvartal, 12-uy", "phone", "+998901234567");
            client.postFor("customer", "/api/orders", Map.of("id", COD, "lines", List.of(line(0, 2), line(1, 1)), "priceListId", DemoShop.PRICE_LIST, "shipping", home,
                    "payment", Map.of("method", "CASH_ON_DELIVERY")));
            Map<?, ?> paid = client.postFor("customer", "/api/orders", Map.of("id", PAID, "lines", List.of(line(2, 3)), "priceListId", DemoShop.PRICE_LIST, "shipping", home,
                    "payment", Map.of("method", "CARD")));
            confirm(stripeUrl, (String) ((Map<?, ?>) paid.get("payment")).get("id"));
            client.postFor("customer", "/api/orders", Map.of("id", UNPAID, "lines", List.of(line(0, 1)), "priceListId", DemoShop.PRICE_LIST, "shipping", home,
                    "payment", Map.of("method", "CARD")));
            client.postFor("manager", "/api/orders", Map.of("id", FULFILLED, "customerId", "customer", "lines", List.of(line(1, 4)),
                    "priceListId", DemoShop.PRICE_LIST, "shipping", home, "payment", Map.of("method", "INVOICE")));
            client.post("keeper", "/api/orders/" + FULFILLED + "/fulfil", Map.of());
            client.post("keeper", "/api/orders/" + FULFILLED + "/complete", Map.of());
            client.postFor("customer", "/api/orders", Map.of("id", CANCELLED, "lines", List.of(line(2, 1)), "priceListId", DemoShop.PRICE_LIST, "shipping", home,
                    "payment", Map.of("method", "CASH_ON_DELIVERY")));
            client.post("customer", "/api/orders/" + CANCELLED + "/cancel", Map.of("reason", "Boshqa do'kondan oldim"));
            log.info("Demo orders created: {} commands", client.commands());
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the demo orders", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> line(int product, long quantity) {
        return Map.of("productId", PRODUCTS.get(product), "quantity", quantity);
    }

    /** What Stripe.js does in the customer's browser: the intent confirmed with a test card at the stand-in. */
    private static void confirm(String stripeUrl, String intent) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stripeUrl + "/v1/payment_intents/"
                        + intent + "/confirm")).header("Authorization", "Bearer " + HisobSystem.STRIPE_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("payment_method=pm_card_visa")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("The Stripe stand-in refused the demo payment: " + r.statusCode() + " " + r.body());
        }
    }
}
