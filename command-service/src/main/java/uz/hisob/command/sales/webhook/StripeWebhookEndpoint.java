package uz.hisob.command.sales.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.sales.CapturePayment;
import uz.hisob.command.sales.payment.StripePayments;
import uz.hisob.command.sales.payment.StripeSettings;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /api/payments/webhooks/stripe} (commerce.md "Payments"), without a token: the raw body is verified
 * against {@code Stripe-Signature} with the tenant's endpoint secret by Stripe's own library (HMAC-SHA256 of
 * {@code t.body}, any of several {@code v1}, at most 300 s old); a bad or stale signature is 400 and changes nothing.
 * The tenant is the payment intent's metadata, which the signature covers.
 *
 * <p>Each event id is applied once ({@link WebhookInbox}): a replayed delivery, or two at once, answers 200 and changes
 * nothing. Events arrive in any order: only
 * {@code payment_intent.succeeded} moves an order (a {@code processing} after it changes nothing, one before it
 * nothing either), and the order records one capture whoever reports it first.
 */
@RestController
public class StripeWebhookEndpoint {

    static final long TOLERANCE_SECONDS = 300;

    private final StripeSettings settings;
    private final WebhookInbox inbox;
    private final JsonMapper json;

    public StripeWebhookEndpoint(StripeSettings settings, WebhookInbox inbox, JsonMapper json) {
        this.settings = settings;
        this.inbox = inbox;
        this.json = json;
    }

    @PostMapping(path = "/api/payments/webhooks/stripe", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> receive(@RequestBody byte[] raw,
                                                @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        String body = new String(raw, StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (RuntimeException e) {
            return Mono.error(ApiException.invalid("body", "is not a Stripe event"));
        }
        String eventId = event.path("id").asString("");
        String type = event.path("type").asString("");
        JsonNode object = event.path("data").path("object");
        String tenant = object.path("metadata").path("tenant").asString("");
        if (eventId.isEmpty() || type.isEmpty() || tenant.isEmpty()) {
            return Mono.error(ApiException.invalid("body", "is not a Stripe event of a Hisob payment"));
        }
        StripeSettings.Account account = settings.of(tenant);
        if (signature == null || account.webhookSecret().isBlank()) {
            return Mono.error(signatureRefused());
        }
        try {
            Webhook.Signature.verifyHeader(body, signature, account.webhookSecret(), TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            return Mono.error(signatureRefused());
        }
        return Blocking.run(() -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(apply(tenant, eventId, type, object) ? "{\"received\":true,\"applied\":true}" : "{\"received\":true,\"applied\":false}"));
    }

    /** Applies the event once; false when it was applied before or moves nothing. */
    private boolean apply(String tenant, String eventId, String type, JsonNode object) {
        if (!"payment_intent.succeeded".equals(type)) {
            inbox.note("stripe", tenant, eventId);
            return false;
        }
        String orderId = object.path("metadata").path("order_id").asString("");
        String currency = object.path("currency").asString("").toUpperCase(Locale.ROOT);
        long amount = object.path("amount_received").asLong(object.path("amount").asLong(0));
        CapturePayment capture;
        try {
            capture = new CapturePayment(tenant, orderId, object.path("id").asString(""), StripePayments.major(amount, currency),
                    currency, "webhook");
        } catch (IllegalArgumentException e) {
            inbox.note("stripe", tenant, eventId);
            return false;
        }
        return inbox.capture("stripe", eventId, capture);
    }

    private static ApiException signatureRefused() {
        return new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "SIGNATURE_INVALID",
                "The Stripe-Signature header does not verify (bad, stale or missing)");
    }
}
