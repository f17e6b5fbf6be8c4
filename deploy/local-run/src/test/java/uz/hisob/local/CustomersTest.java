package uz.hisob.local;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customers (commerce.md, "Customers and reviews"): registration without a token, signing in with the e-mail, the
 * customer's own record and orders, and the confirmation e-mails of its orders over SMTP (the system's local SMTP
 * server, GreenMail).
 */
class CustomersTest extends SystemTestSupport {

    static Map<?, ?> register(Map<String, Object> body, int status) {
        return commands().post().uri("/api/customers/register").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    static String signIn(String email, String password) {
        return (String) commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", email, "password", password)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(system().mail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    @Test
    void twelveRegistrationsOfOneEmailAtOnceMakeOneCustomer() throws Exception {
        String email = uniqueId("bir") + "@example.uz";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "Mijoz " + i;
                answers.add(pool.submit(() -> commands().post().uri("/api/customers/register").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("tenant", "demo", "email", email, "password", "yaxshi-parol", "name", name)).exchange()
                        .returnResult(String.class).getStatus().value()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
            assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(11);
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsDb().queryForObject("SELECT count(*) FROM users WHERE tenant = 'demo' AND username = ?", Long.class, email)).isEqualTo(1);
        signIn(email, "yaxshi-parol");
    }

    @Test
    void aCustomerRegistersSignsInOrdersAndIsEmailedItsConfirmations() throws Exception {
        String email = uniqueId("malika") + "@example.uz";
        Map<?, ?> created = register(Map.of("tenant", "demo", "email", email.toUpperCase(), "password", "yaxshi-parol",
                "name", "Malika Rahimova", "phone", "+998901112233"), 201);
        String id = (String) created.get("id");
        assertThat(((Number) created.get("position")).longValue()).isPositive();
        // the e-mail is the customer's once, whatever its case; and the rules of the contract
        assertThat(register(Map.of("tenant", "demo", "email", email, "password", "boshqa-parol", "name", "X"), 409).get("code"))
                .isEqualTo("ALREADY_EXISTS");
        assertThat(register(Map.of("tenant", "demo", "email", "not-an-email", "password", "yaxshi-parol", "name", "X"), 400).toString())
                .contains("email");
        assertThat(register(Map.of("tenant", "demo", "email", uniqueId("a") + "@example.uz", "password", "short", "name", "X"), 400)
                .toString()).contains("password");
        assertThat(register(Map.of("tenant", "no-such-shop", "email", uniqueId("a") + "@example.uz", "password", "yaxshi-parol",
                "name", "X"), 400).toString()).contains("tenant");

        String token = signIn(email, "yaxshi-parol");
        Map<?, ?> me = queries().get().uri("/api/customers/me?minPosition=" + created.get("position")).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(me.get("id")).isEqualTo(id);
        assertThat(me.get("email")).isEqualTo(email);
        assertThat(me.get("orders")).isEqualTo(0);
        queries().get().uri("/api/customers/me").header("Authorization", bearer("manager")).exchange().expectStatus().isForbidden();

        // an order of its own: its customerId is the customer's id, and its confirmation is e-mailed
        String list = uniqueId("pl");
        OrdersTest.post("manager", "/api/catalog/price-lists", Map.of("id", list, "name", "Onlayn", "currency", "UZS", "taxIncluded", true), 201);
        String product = uniqueId("asal");
        OrdersTest.post("manager", "/api/catalog/products", Map.of("id", product, "sku", product, "name", "Tog' asali", "unit", "pcs"), 201);
        OrdersTest.put("manager", "/api/catalog/price-lists/" + list + "/prices", Map.of("prices", List.of(Map.of("productId", product,
                "price", "85000.00"))), 200);
        String warehouse = uniqueId("ombor");
        OrdersTest.post("manager", "/api/inventory/locations", Map.of("id", warehouse, "name", "Ombor", "kind", "WAREHOUSE"), 201);
        OrdersTest.post("keeper", "/api/inventory/receipts", Map.of("locationId", warehouse, "lines", List.of(Map.of("productId", product,
                "quantity", 10))), 201);
        Map<?, ?> order = commands().post().uri("/api/orders").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("lines", List.of(Map.of("productId", product, "quantity", 2)), "priceListId", list, "locationId", warehouse,
                        "shipping", Map.of("address", "Yunusobod 4"), "payment", Map.of("method", "CASH_ON_DELIVERY")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> mine = queries().get().uri("/api/orders/" + order.get("id") + "?minPosition=" + order.get("position"))
                .header("Authorization", "Bearer " + token).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(mine.get("customerId")).isEqualTo(id);
        // the demo customer does not see it
        queries().get().uri("/api/orders/" + order.get("id")).header("Authorization", bearer("customer")).exchange().expectStatus().isNotFound();

        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(email), m -> !m.isEmpty());
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).contains("№" + order.get("number"));
        assertThat(mails.getFirst().getContent().toString()).contains("170000.00 UZS", "Malika Rahimova");

        Map<?, ?> after = queries().get().uri("/api/customers/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(after.get("orders")).isEqualTo(1);
        assertThat(after.get("spend")).isEqualTo("170000.00");
    }
}
