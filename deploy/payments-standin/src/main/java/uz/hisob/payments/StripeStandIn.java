package uz.hisob.payments;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Stripe-compatible payment provider on loopback, speaking the part of Stripe's REST API that Hisob's adapter uses
 * ({@code /v1/payment_intents} create, retrieve, confirm, cancel; {@code /v1/refunds}), form-encoded requests with
 * bearer API keys and {@code Idempotency-Key}, JSON answers and errors in Stripe's shapes. Paying is what Stripe.js
 * does in a browser: {@code POST /v1/payment_intents/{id}/confirm} with {@code payment_method=pm_card_visa} succeeds,
 * {@code pm_card_chargeDeclined} fails. Every change is sent to the account's webhook endpoint as a Stripe event,
 * signed as Stripe signs ({@code Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">}), retried until answered
 * 2xx (five tries).
 *
 * <p>For fault tests: {@link #stop()} and {@link #startAgain()} (the provider down and back on the same port),
 * {@link #deliveries()} (what was sent, to replay it), {@link #reverseWebhooks(boolean)} (a {@code succeeded} sent
 * before its {@code processing}).
 */
public final class StripeStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StripeStandIn.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NAME = "stripe-standin";
    private static final String CONTEXT = "/v1/";

    /** An account: its secret API key, where its webhooks go and the endpoint's signing secret. */
    public record Account(String secretKey, String webhookUrl, String webhookSecret) {
    }

    /** A webhook as it was sent: the event, the exact bytes, the signature header and the answer's status. */
    public record Delivery(String eventId, String type, String body, String signature, int status) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> idempotent = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "stripe-standin-webhooks");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean reverse;
    private final LoopbackServer server;

    private StripeStandIn(int port) {
        this.server = new LoopbackServer(NAME, port, CONTEXT, this::handle);
    }

    /** Starts the stand-in on {@code port} (0: a free one) for {@code accounts}. */
    public static StripeStandIn start(int port, List<Account> accounts) {
        StripeStandIn standIn = new StripeStandIn(port);
        accounts.forEach(a -> standIn.accounts.put(a.secretKey(), a));
        standIn.startAgain();
        return standIn;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Adds or replaces an account (its webhook endpoint, e.g. once the services' port is known). */
    public void account(Account account) {
        accounts.put(account.secretKey(), account);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Whether a payment's {@code succeeded} is sent before its {@code processing} (as Stripe may). */
    public void reverseWebhooks(boolean reverse) {
        this.reverse = reverse;
    }

    /** The provider down: nothing listens on its port until {@link #startAgain()}. */
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

    // ---------------------------------------------------------------- the API

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Account account = auth != null && auth.startsWith("Bearer ") ? accounts.get(auth.substring(7)) : null;
            if (account == null) {
                error(exchange, 401, "invalid_request_error", "Invalid API Key provided");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if ("POST".equals(method) && key != null) {
                String scoped = account.secretKey() + "|" + key;
                Map<String, Object> earlier = idempotent.get(scoped);
                if (earlier != null) {
                    if (!earlier.get("request").equals(path + "?" + form)) {
                        error(exchange, 400, "idempotency_error",
                                "Keys for idempotent requests can only be used with the same parameters they were first used with");
                        return;
                    }
                    respond(exchange, (Integer) earlier.get("status"), (String) earlier.get("body"));
                    return;
                }
                Answer answer = route(account, method, path, form);
                if (answer.status() < 500) {
                    idempotent.put(scoped, Map.of("request", path + "?" + form, "status", answer.status(), "body", answer.body()));
                }
                respond(exchange, answer.status(), answer.body());
                return;
            }
            Answer answer = route(account, method, path, form);
            respond(exchange, answer.status(), answer.body());
        } catch (RuntimeException e) {
            log.warn("Stripe stand-in failed on {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer route(Account account, String method, String path, Map<String, String> form) {
        String[] parts = path.split("/"); // "", "v1", resource, id?, action?
        if (parts.length == 3 && "payment_intents".equals(parts[2]) && "POST".equals(method)) {
            return create(account, form);
        }
        if (parts.length >= 4 && "payment_intents".equals(parts[2])) {
            ObjectNode intent = intents.get(account.secretKey() + "|" + parts[3]);
            if (intent == null) {
                return errorAnswer(404, "invalid_request_error", "No such payment_intent: '" + parts[3] + "'");
            }
            if (parts.length == 4 && "GET".equals(method)) {
                return new Answer(200, JSON.writeValueAsString(intent));
            }
            if (parts.length == 5 && "POST".equals(method)) {
                return switch (parts[4]) {
                    case "confirm" -> confirm(account, intent, form.getOrDefault("payment_method", "pm_card_visa"));
                    case "cancel" -> cancel(account, intent);
                    default -> errorAnswer(404, "invalid_request_error", "Unrecognized request URL");
                };
            }
        }
        if (parts.length == 3 && "refunds".equals(parts[2]) && "POST".equals(method)) {
            return refund(account, form);
        }
        return errorAnswer(404, "invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")");
    }

    private Answer create(Account account, Map<String, String> form) {
        long amount;
        try {
            amount = Long.parseLong(form.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            return errorAnswer(400, "invalid_request_error", "Missing required param: amount.");
        }
        if (amount < 1 || !form.containsKey("currency")) {
            return errorAnswer(400, "invalid_request_error", "Invalid amount or currency.");
        }
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        ObjectNode intent = JSON.createObjectNode();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0);
        intent.put("currency", form.get("currency"));
        intent.put("status", "requires_payment_method");
        intent.put("client_secret", id + "_secret_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        intent.put("created", Instant.now().getEpochSecond());
        intent.put("livemode", false);
        ObjectNode metadata = intent.putObject("metadata");
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring(9, k.length() - 1), v);
            }
        });
        intents.put(account.secretKey() + "|" + id, intent);
        return new Answer(200, JSON.writeValueAsString(intent));
    }

    private Answer confirm(Account account, ObjectNode intent, String paymentMethod) {
        synchronized (intent) {
            String status = intent.get("status").asString();
            if ("succeeded".equals(status) || "canceled".equals(status)) {
                return errorAnswer(400, "invalid_request_error", "This PaymentIntent's status is " + status + ".");
            }
            if ("pm_card_chargeDeclined".equals(paymentMethod)) {
                intent.put("status", "requires_payment_method");
                send(account, "payment_intent.payment_failed", intent.deepCopy());
                return errorAnswer(402, "card_error", "Your card was declined.");
            }
            ObjectNode processing = intent.deepCopy();
            processing.put("status", "processing");
            intent.put("status", "succeeded");
            intent.put("amount_received", intent.get("amount").asLong());
            ObjectNode succeeded = intent.deepCopy();
            if (reverse) {
                send(account, "payment_intent.succeeded", succeeded);
                send(account, "payment_intent.processing", processing);
            } else {
                send(account, "payment_intent.processing", processing);
                send(account, "payment_intent.succeeded", succeeded);
            }
            return new Answer(200, JSON.writeValueAsString(intent));
        }
    }

    private Answer cancel(Account account, ObjectNode intent) {
        synchronized (intent) {
            if ("succeeded".equals(intent.get("status").asString())) {
                return errorAnswer(400, "invalid_request_error", "You cannot cancel this PaymentIntent because it has a status of succeeded.");
            }
            intent.put("status", "canceled");
            send(account, "payment_intent.canceled", intent.deepCopy());
            return new Answer(200, JSON.writeValueAsString(intent));
        }
    }

    private Answer refund(Account account, Map<String, String> form) {
        ObjectNode intent = intents.get(account.secretKey() + "|" + form.getOrDefault("payment_intent", ""));
        if (intent == null) {
            return errorAnswer(404, "invalid_request_error", "No such payment_intent");
        }
        synchronized (intent) {
            long received = intent.get("amount_received").asLong();
            long refunded = intent.path("amount_refunded").asLong(0);
            long amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : received - refunded;
            if (!"succeeded".equals(intent.get("status").asString()) || amount < 1 || refunded + amount > received) {
                return errorAnswer(400, "invalid_request_error", "Refund amount is greater than the unrefunded amount, or nothing was paid.");
            }
            intent.put("amount_refunded", refunded + amount);
            ObjectNode refund = JSON.createObjectNode();
            refund.put("id", "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
            refund.put("object", "refund");
            refund.put("amount", amount);
            refund.put("currency", intent.get("currency").asString());
            refund.put("payment_intent", intent.get("id").asString());
            refund.put("status", "succeeded");
            refund.put("created", Instant.now().getEpochSecond());
            return new Answer(200, JSON.writeValueAsString(refund));
        }
    }

    // ---------------------------------------------------------------- webhooks

    private void send(Account account, String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        event.put("object", "event");
        event.put("api_version", "2025-01-27.acacia");
        event.put("created", Instant.now().getEpochSecond());
        event.put("type", type);
        event.put("livemode", false);
        event.putObject("data").set("object", object);
        String body = JSON.writeValueAsString(event);
        String id = event.get("id").asString();
        senders.submit(() -> deliver(account, id, type, body));
    }

    private void deliver(Account account, String eventId, String type, String body) {
        if (account.webhookUrl() == null || account.webhookUrl().isBlank()) {
            return;
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            String signature = signature(account.webhookSecret(), Instant.now().getEpochSecond(), body);
            int status;
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(account.webhookUrl()))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Stripe-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            deliveries.add(new Delivery(eventId, type, body, signature, status));
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
        log.warn("Webhook {} ({}) to {} not accepted after 5 tries", eventId, type, account.webhookUrl());
    }

    /** Stripe's signature header: {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}. */
    public static String signature(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static Answer errorAnswer(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return new Answer(status, JSON.writeValueAsString(body));
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, errorAnswer(status, type, message).body());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
