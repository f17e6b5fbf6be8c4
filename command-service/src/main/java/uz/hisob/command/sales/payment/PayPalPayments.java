package uz.hisob.command.sales.payment;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uz.hisob.api.CommandRefused;
import uz.hisob.events.sales.PaymentRef;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PayPal-compatible adapter: Orders v2 (create with intent {@code CAPTURE}, show, capture), refunds of captures,
 * and the webhook verification call, over the JDK's HTTP client with OAuth 2 client credentials. PayPal's own Java
 * SDK ({@code com.paypal.sdk:paypal-server-sdk}) resolves here, but its base URL is a fixed enum (production or
 * sandbox): it cannot be pointed at the stand-in, which the tests and the embedded default need, nor at a proxy of
 * the operator's. Every call that changes something carries {@code PayPal-Request-Id}, PayPal's idempotency key.
 * The order carries {@code custom_id = tenant:orderId}, which webhooks name.
 */
@Component
public class PayPalPayments implements PaymentProvider {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final PayPalSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<PayPalSettings.Account, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant until) {
    }

    public PayPalPayments(PayPalSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "paypal";
    }

    @Override
    public PaymentRef create(String tenant, String orderId, BigDecimal amount, String currency, String idempotencyKey) {
        ObjectNode body = JSON.createObjectNode();
        body.put("intent", "CAPTURE");
        ObjectNode unit = body.putArray("purchase_units").addObject();
        unit.put("reference_id", orderId);
        unit.put("custom_id", tenant + ":" + orderId);
        unit.putObject("amount").put("currency_code", currency).put("value", amount.toPlainString());
        JsonNode order = call(tenant, "POST", "/v2/checkout/orders", body.toString(), idempotencyKey);
        String approve = null;
        for (JsonNode link : order.path("links")) {
            if ("approve".equals(link.path("rel").asString("")) || "payer-action".equals(link.path("rel").asString(""))) {
                approve = link.path("href").asString();
            }
        }
        return new PaymentRef(name(), order.path("id").asString(), null, approve);
    }

    /** Captured, or approved by the buyer and captured now (the merchant captures an approved PayPal order). */
    @Override
    public Optional<Capture> captured(String tenant, String paymentId) {
        JsonNode order = call(tenant, "GET", "/v2/checkout/orders/" + paymentId, null, null);
        if ("APPROVED".equals(order.path("status").asString(""))) {
            order = call(tenant, "POST", "/v2/checkout/orders/" + paymentId + "/capture", "{}", "capture-" + paymentId);
        }
        if (!"COMPLETED".equals(order.path("status").asString(""))) {
            return Optional.empty();
        }
        JsonNode amount = order.path("purchase_units").path(0).path("payments").path("captures").path(0).path("amount");
        return Optional.of(new Capture(paymentId, new BigDecimal(amount.path("value").asString()), amount.path("currency_code").asString()));
    }

    @Override
    public String refund(String tenant, String paymentId, BigDecimal amount, String currency, String idempotencyKey) {
        JsonNode order = call(tenant, "GET", "/v2/checkout/orders/" + paymentId, null, null);
        String captureId = order.path("purchase_units").path(0).path("payments").path("captures").path(0).path("id").asString("");
        if (captureId.isEmpty()) {
            throw new IllegalStateException("PayPal order " + paymentId + " has no capture to refund");
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("amount").put("value", amount.toPlainString()).put("currency_code", currency);
        return call(tenant, "POST", "/v2/payments/captures/" + captureId + "/refund", body.toString(), idempotencyKey).path("id").asString();
    }

    /** A PayPal order nobody approved expires by itself: there is nothing to withdraw. */
    @Override
    public void cancel(String tenant, String paymentId, String idempotencyKey) {
    }

    /** PayPal's verification of a webhook delivery: the transmission headers and the event, against the tenant's webhook id. */
    public boolean verify(String tenant, Map<String, String> headers, JsonNode event) {
        PayPalSettings.Account account = settings.of(tenant);
        if (account.webhookId().isBlank()) {
            return false;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("auth_algo", headers.getOrDefault("PAYPAL-AUTH-ALGO", ""));
        body.put("cert_url", headers.getOrDefault("PAYPAL-CERT-URL", ""));
        body.put("transmission_id", headers.getOrDefault("PAYPAL-TRANSMISSION-ID", ""));
        body.put("transmission_sig", headers.getOrDefault("PAYPAL-TRANSMISSION-SIG", ""));
        body.put("transmission_time", headers.getOrDefault("PAYPAL-TRANSMISSION-TIME", ""));
        body.put("webhook_id", account.webhookId());
        body.set("webhook_event", event);
        return "SUCCESS".equals(call(tenant, "POST", "/v1/notifications/verify-webhook-signature", body.toString(), null)
                .path("verification_status").asString(""));
    }

    private JsonNode call(String tenant, String method, String path, String body, String requestId) {
        PayPalSettings.Account account = settings.of(tenant);
        if (!account.configured()) {
            throw CommandRefused.conflict("PAYMENT_METHOD_UNAVAILABLE", "PayPal payments are not configured for this shop");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(account.apiBase() + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token(account)).header("Content-Type", "application/json");
        if (requestId != null) {
            b.header("PayPal-Request-Id", requestId);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(b.build());
        if (response.statusCode() == 401) {
            tokens.remove(account);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new ProviderUnavailable("PayPal answered " + response.statusCode(), null);
        }
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("PayPal refused " + method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private String token(PayPalSettings.Account account) {
        Token token = tokens.get(account);
        if (token != null && token.until().isAfter(Instant.now())) {
            return token.value();
        }
        String basic = Base64.getEncoder().encodeToString((account.clientId() + ":" + account.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(account.apiBase() + "/v1/oauth2/token")).timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        if (response.statusCode() != 200) {
            if (response.statusCode() >= 500) {
                throw new ProviderUnavailable("PayPal's token endpoint answered " + response.statusCode(), null);
            }
            throw new IllegalStateException("PayPal refused the client credentials: " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        Token fresh = new Token(answer.path("access_token").asString(), Instant.now().plusSeconds(Math.max(60, answer.path("expires_in").asLong(3600) - 60)));
        tokens.put(account, fresh);
        return fresh.value();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailable("PayPal cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted", e);
        }
    }
}
