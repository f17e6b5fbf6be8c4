package uz.hisob.payments;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;

/**
 * A PayPal-compatible payment provider on loopback, speaking the part of PayPal's REST API that Hisob's adapter uses:
 * OAuth 2 client credentials ({@code /v1/oauth2/token}), Orders v2 ({@code /v2/checkout/orders} create, show, capture,
 * with {@code PayPal-Request-Id} idempotency), refunds of captures ({@code /v2/payments/captures/{id}/refund}) and the
 * webhook verification call ({@code /v1/notifications/verify-webhook-signature}). The buyer approves at the order's
 * {@code approve} link ({@code GET /checkoutnow?token=…}), as on PayPal's page. Webhooks ({@code CHECKOUT.ORDER.APPROVED},
 * {@code PAYMENT.CAPTURE.COMPLETED}) carry PayPal's transmission headers, signed as PayPal signs them
 * ({@code SHA256withRSA} over {@code id|time|webhookId|crc32(body)}) with the stand-in's own key, which its
 * verification call checks.
 */
public final class PayPalStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PayPalStandIn.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NAME = "paypal-standin";
    private static final String CONTEXT = "/";

    /** An account (REST app): its client credentials, where its webhooks go and the webhook's id. */
    public record Account(String clientId, String clientSecret, String webhookUrl, String webhookId) {
    }

    /** A webhook as it was sent, to replay it. */
    public record Delivery(String eventId, String type, String body, Map<String, String> headers, int status) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Account> tokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> captures = new ConcurrentHashMap<>();
    private final Map<String, String> idempotent = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "paypal-standin-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final KeyPair key;
    private final LoopbackServer server;

    private PayPalStandIn(int port) {
        this.server = new LoopbackServer(NAME, port, CONTEXT, this::handle);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PayPalStandIn start(int port, List<Account> accounts) {
        PayPalStandIn standIn = new PayPalStandIn(port);
        accounts.forEach(standIn::account);
        standIn.startAgain();
        return standIn;
    }

    public void account(Account account) {
        accounts.put(account.clientId(), account);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public void stop() {
        server.stop();
    }

    public void startAgain() {
        server.start();
    }

    @Override
    public void close() {
        stop();
        senders.shutdownNow();
    }

    private record Answer(int status, String body) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            if ("GET".equals(method) && "/checkoutnow".equals(path)) {
                answer = approve(exchange.getRequestURI().getQuery());
            } else if ("POST".equals(method) && "/v1/oauth2/token".equals(path)) {
                answer = token(exchange.getRequestHeaders().getFirst("Authorization"));
            } else {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                Account account = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
                if (account == null) {
                    answer = error(401, "invalid_token", "Token signature verification failed");
                } else {
                    String key = exchange.getRequestHeaders().getFirst("PayPal-Request-Id");
                    String scoped = key == null ? null : account.clientId() + "|" + method + path + "|" + key;
                    String earlier = scoped == null ? null : idempotent.get(scoped);
                    if (earlier != null) {
                        answer = new Answer(200, earlier);
                    } else {
                        answer = route(account, method, path, body);
                        if (scoped != null && answer.status() < 300) {
                            idempotent.put(scoped, answer.body());
                        }
                    }
                }
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Paypal-Debug-Id", UUID.randomUUID().toString().substring(0, 13));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (RuntimeException e) {
            log.warn("PayPal stand-in failed on {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private Answer token(String basic) {
        if (basic == null || !basic.startsWith("Basic ")) {
            return error(401, "invalid_client", "Client Authentication failed");
        }
        String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        Account account = accounts.get(pair[0]);
        if (account == null || pair.length < 2 || !account.clientSecret().equals(pair[1])) {
            return error(401, "invalid_client", "Client Authentication failed");
        }
        String token = "A21AA" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, account);
        return new Answer(200, "{\"scope\":\"https://uri.paypal.com/services/payments/payment\",\"access_token\":\"" + token
                + "\",\"token_type\":\"Bearer\",\"app_id\":\"APP-HISOB\",\"expires_in\":32400}");
    }

    private Answer route(Account account, String method, String path, String body) {
        String[] parts = path.split("/"); // "", v2, checkout, orders, id?, action?
        if ("POST".equals(method) && "/v2/checkout/orders".equals(path)) {
            return create(account, body);
        }
        if (parts.length >= 5 && "checkout".equals(parts[2]) && "orders".equals(parts[3])) {
            ObjectNode order = orders.get(account.clientId() + "|" + parts[4]);
            if (order == null) {
                return error(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.");
            }
            if (parts.length == 5 && "GET".equals(method)) {
                return new Answer(200, JSON.writeValueAsString(order));
            }
            if (parts.length == 6 && "capture".equals(parts[5]) && "POST".equals(method)) {
                return capture(account, order);
            }
        }
        if (parts.length == 6 && "payments".equals(parts[2]) && "captures".equals(parts[3]) && "refund".equals(parts[5]) && "POST".equals(method)) {
            return refund(parts[4], body);
        }
        if ("POST".equals(method) && "/v1/notifications/verify-webhook-signature".equals(path)) {
            return verify(body);
        }
        return error(404, "NOT_FOUND", "Unrecognized path " + path);
    }

    private Answer create(Account account, String body) {
        JsonNode request = JSON.readTree(body);
        JsonNode unit = request.path("purchase_units").path(0);
        if (!"CAPTURE".equals(request.path("intent").asString("")) || unit.path("amount").path("value").asString("").isEmpty()) {
            return error(422, "UNPROCESSABLE_ENTITY", "The requested action could not be performed");
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase();
        ObjectNode order = JSON.createObjectNode();
        order.put("id", id);
        order.put("intent", "CAPTURE");
        order.put("status", "CREATED");
        order.put("create_time", Instant.now().toString());
        ArrayNode units = order.putArray("purchase_units");
        ObjectNode u = units.addObject();
        u.put("reference_id", unit.path("reference_id").asString(""));
        u.put("custom_id", unit.path("custom_id").asString(""));
        u.set("amount", unit.path("amount").deepCopy());
        ArrayNode links = order.putArray("links");
        links.addObject().put("href", url() + "/v2/checkout/orders/" + id).put("rel", "self").put("method", "GET");
        links.addObject().put("href", url() + "/checkoutnow?token=" + id).put("rel", "approve").put("method", "GET");
        links.addObject().put("href", url() + "/v2/checkout/orders/" + id + "/capture").put("rel", "capture").put("method", "POST");
        orders.put(account.clientId() + "|" + id, order);
        order.put("_account", account.clientId());
        ObjectNode shown = order.deepCopy();
        shown.remove("_account");
        return new Answer(201, JSON.writeValueAsString(shown));
    }

    private Answer approve(String query) {
        String id = query == null ? "" : query.replace("token=", "");
        ObjectNode order = orders.entrySet().stream().filter(e -> e.getKey().endsWith("|" + id)).map(Map.Entry::getValue).findFirst().orElse(null);
        if (order == null) {
            return error(404, "RESOURCE_NOT_FOUND", "No such order");
        }
        Account account = accounts.get(order.get("_account").asString());
        synchronized (order) {
            if ("CREATED".equals(order.get("status").asString())) {
                order.put("status", "APPROVED");
                send(account, "CHECKOUT.ORDER.APPROVED", shown(order));
            }
        }
        return new Answer(200, "{\"approved\":true}");
    }

    private Answer capture(Account account, ObjectNode order) {
        synchronized (order) {
            String status = order.get("status").asString();
            if ("COMPLETED".equals(status)) {
                return error(422, "ORDER_ALREADY_CAPTURED", "Order already captured.");
            }
            if (!"APPROVED".equals(status)) {
                return error(422, "ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
            }
            ObjectNode unit = (ObjectNode) order.get("purchase_units").get(0);
            ObjectNode capture = JSON.createObjectNode();
            capture.put("id", UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase());
            capture.put("status", "COMPLETED");
            capture.set("amount", unit.get("amount").deepCopy());
            capture.put("custom_id", unit.path("custom_id").asString(""));
            capture.putObject("supplementary_data").putObject("related_ids").put("order_id", order.get("id").asString());
            capture.put("create_time", Instant.now().toString());
            capture.put("_refunded", "0");
            unit.putObject("payments").putArray("captures").add(capture.deepCopy().without("_refunded"));
            order.put("status", "COMPLETED");
            captures.put(capture.get("id").asString(), capture);
            ObjectNode event = capture.deepCopy();
            event.remove("_refunded");
            send(account, "PAYMENT.CAPTURE.COMPLETED", event);
            return new Answer(201, JSON.writeValueAsString(shown(order)));
        }
    }

    private Answer refund(String captureId, String body) {
        ObjectNode capture = captures.get(captureId);
        if (capture == null) {
            return error(404, "RESOURCE_NOT_FOUND", "No such capture");
        }
        synchronized (capture) {
            java.math.BigDecimal captured = new java.math.BigDecimal(capture.get("amount").get("value").asString());
            java.math.BigDecimal refunded = new java.math.BigDecimal(capture.get("_refunded").asString());
            JsonNode request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            java.math.BigDecimal amount = request.path("amount").path("value").isMissingNode() ? captured.subtract(refunded)
                    : new java.math.BigDecimal(request.path("amount").path("value").asString());
            if (amount.signum() <= 0 || refunded.add(amount).compareTo(captured) > 0) {
                return error(422, "REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.");
            }
            capture.put("_refunded", refunded.add(amount).toPlainString());
            ObjectNode refund = JSON.createObjectNode();
            refund.put("id", UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase());
            refund.put("status", "COMPLETED");
            refund.putObject("amount").put("value", amount.toPlainString()).put("currency_code", capture.get("amount").get("currency_code").asString());
            return new Answer(201, JSON.writeValueAsString(refund));
        }
    }

    private Answer verify(String body) {
        JsonNode request = JSON.readTree(body);
        String webhookId = request.path("webhook_id").asString("");
        String event = JSON.writeValueAsString(request.path("webhook_event"));
        boolean ok;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key.getPublic());
            signature.update(signed(request.path("transmission_id").asString(""), request.path("transmission_time").asString(""), webhookId,
                    eventBody(request.path("transmission_id").asString(""), event)));
            ok = signature.verify(Base64.getDecoder().decode(request.path("transmission_sig").asString("")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            ok = false;
        }
        return new Answer(200, "{\"verification_status\":\"" + (ok ? "SUCCESS" : "FAILURE") + "\"}");
    }

    /**
     * PayPal's signature covers the exact bytes it sent; its verification call receives the event parsed. The
     * stand-in keeps the bytes of each transmission and checks the signature over those, as PayPal does.
     */
    private String eventBody(String transmissionId, String parsed) {
        return deliveries.stream().filter(d -> transmissionId.equals(d.headers().get("PAYPAL-TRANSMISSION-ID")))
                .map(Delivery::body).findFirst().orElse(parsed);
    }

    private static byte[] signed(String transmissionId, String time, String webhookId, String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return (transmissionId + "|" + time + "|" + webhookId + "|" + crc.getValue()).getBytes(StandardCharsets.UTF_8);
    }

    private void send(Account account, String type, ObjectNode resource) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "WH-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase());
        event.put("event_version", "1.0");
        event.put("create_time", Instant.now().toString());
        event.put("resource_type", type.startsWith("PAYMENT") ? "capture" : "checkout-order");
        event.put("event_type", type);
        event.set("resource", resource);
        String body = JSON.writeValueAsString(event);
        senders.submit(() -> deliver(account, event.get("id").asString(), type, body));
    }

    private void deliver(Account account, String eventId, String type, String body) {
        if (account.webhookUrl() == null) {
            return;
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            String transmissionId = UUID.randomUUID().toString();
            String time = Instant.now().toString();
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("PAYPAL-TRANSMISSION-ID", transmissionId);
            headers.put("PAYPAL-TRANSMISSION-TIME", time);
            headers.put("PAYPAL-CERT-URL", url() + "/v1/notifications/certs/CERT-HISOB-STANDIN");
            headers.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key.getPrivate());
                signature.update(signed(transmissionId, time, account.webhookId(), body));
                headers.put("PAYPAL-TRANSMISSION-SIG", Base64.getEncoder().encodeToString(signature.sign()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            // noted before it is sent: the verification call that the receiver makes finds its bytes
            Delivery pending = new Delivery(eventId, type, body, Map.copyOf(headers), 0);
            deliveries.add(pending);
            int status;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(account.webhookUrl())).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json");
                headers.forEach(b::header);
                status = http.send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            deliveries.remove(pending);
            deliveries.add(new Delivery(eventId, type, body, Map.copyOf(headers), status));
            if (status >= 200 && status < 300) {
                return;
            }
            try {
                Thread.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ObjectNode shown(ObjectNode order) {
        ObjectNode copy = order.deepCopy();
        copy.remove("_account");
        return copy;
    }

    private static Answer error(int status, String name, String message) {
        return new Answer(status, "{\"name\":\"" + name + "\",\"message\":\"" + message + "\",\"debug_id\":\""
                + UUID.randomUUID().toString().substring(0, 13) + "\"}");
    }
}
