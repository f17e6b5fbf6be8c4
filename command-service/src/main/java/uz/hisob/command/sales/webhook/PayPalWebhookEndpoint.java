package uz.hisob.command.sales.webhook;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.sales.CapturePayment;
import uz.hisob.command.sales.payment.PayPalPayments;
import uz.hisob.command.sales.payment.PaymentProvider;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/payments/webhooks/paypal} (commerce.md "Payments"), without a token: each delivery is verified
 * with PayPal's own verification call (its transmission headers and the event, against the tenant's webhook id; the
 * tenant is the order's {@code custom_id}); a delivery that does not verify is 400 and changes nothing, a PayPal that
 * cannot be asked is 503 (PayPal delivers again). {@code CHECKOUT.ORDER.APPROVED}: the buyer approved, the order is
 * captured (with its idempotency key: once however often); {@code PAYMENT.CAPTURE.COMPLETED}: the capture is recorded.
 * Each event id is applied once ({@code payment_webhook_inbox}), and the capture reported by either event and by the
 * client's return is one capture.
 */
@RestController
public class PayPalWebhookEndpoint {

    private static final String[] HEADERS = {"PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-TRANSMISSION-SIG",
        "PAYPAL-CERT-URL", "PAYPAL-AUTH-ALGO"};

    private final PayPalPayments paypal;
    private final WebhookInbox inbox;
    private final JsonMapper json;

    public PayPalWebhookEndpoint(PayPalPayments paypal, WebhookInbox inbox, JsonMapper json) {
        this.paypal = paypal;
        this.inbox = inbox;
        this.json = json;
    }

    @PostMapping(path = "/api/payments/webhooks/paypal", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> receive(@RequestBody byte[] raw, @RequestHeader HttpHeaders headers) {
        JsonNode event;
        try {
            event = json.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Mono.error(ApiException.invalid("body", "is not a PayPal event"));
        }
        String eventId = event.path("id").asString("");
        String type = event.path("event_type").asString("");
        JsonNode resource = event.path("resource");
        String custom = resource.path("custom_id").asString(resource.path("purchase_units").path(0).path("custom_id").asString(""));
        int colon = custom.indexOf(':');
        if (eventId.isEmpty() || type.isEmpty() || colon < 1) {
            return Mono.error(ApiException.invalid("body", "is not a PayPal event of a Hisob order"));
        }
        String tenant = custom.substring(0, colon);
        String orderId = custom.substring(colon + 1);
        Map<String, String> transmission = new LinkedHashMap<>();
        for (String h : HEADERS) {
            String v = headers.getFirst(h);
            if (v == null) {
                return Mono.error(signatureRefused());
            }
            transmission.put(h, v);
        }
        return Blocking.run(() -> {
            boolean verified;
            try {
                verified = paypal.verify(tenant, transmission, event);
            } catch (PaymentProvider.ProviderUnavailable e) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "PayPal cannot verify the delivery now");
            } catch (CommandRefused | IllegalStateException e) {
                verified = false;
            }
            if (!verified) {
                throw signatureRefused();
            }
            boolean applied = apply(tenant, orderId, eventId, type, resource);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"received\":true,\"applied\":" + applied + "}");
        });
    }

    private boolean apply(String tenant, String orderId, String eventId, String type, JsonNode resource) {
        String paypalOrder;
        if ("CHECKOUT.ORDER.APPROVED".equals(type)) {
            paypalOrder = resource.path("id").asString("");
        } else if ("PAYMENT.CAPTURE.COMPLETED".equals(type)) {
            paypalOrder = resource.path("supplementary_data").path("related_ids").path("order_id").asString("");
        } else {
            inbox.note("paypal", tenant, eventId);
            return false;
        }
        Optional<PaymentProvider.Capture> capture;
        try {
            // approved: captured now (once, by its key); completed: read back as PayPal has it
            capture = paypal.captured(tenant, paypalOrder);
        } catch (PaymentProvider.ProviderUnavailable e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "PayPal cannot be reached now");
        }
        if (capture.isEmpty()) {
            inbox.note("paypal", tenant, eventId);
            return false;
        }
        return inbox.capture("paypal", eventId, new CapturePayment(tenant, orderId, capture.get().paymentId(), capture.get().amount(),
                capture.get().currency().toUpperCase(Locale.ROOT), "webhook"));
    }

    private static ApiException signatureRefused() {
        return new ApiException(HttpStatus.BAD_REQUEST, "SIGNATURE_INVALID", "The delivery does not verify with PayPal");
    }
}
