package uz.hisob.command.sales.payment;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.events.sales.PaymentRef;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Stripe-compatible adapter: payment intents (created, read, cancelled) and refunds through Stripe's own Java
 * library, pointed at the tenant's API base (the stand-in of {@code deploy/payments-standin} in the embedded default
 * and the tests, Stripe itself in production). Amounts travel in minor units, currencies in lower case, the order and
 * tenant as the intent's metadata (webhooks name them). The library retries nothing: a retry is the caller's, with
 * the same idempotency key. A connection or server failure is {@link ProviderUnavailable} within the timeouts
 * (2 s to connect, 3 s to read).
 */
@Component
public class StripePayments implements PaymentProvider {

    private final StripeSettings settings;
    private final Map<StripeSettings.Account, StripeClient> clients = new ConcurrentHashMap<>();

    public StripePayments(StripeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public PaymentRef create(String tenant, String orderId, BigDecimal amount, String currency, String idempotencyKey) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(minor(amount, currency))
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .putMetadata("order_id", orderId)
                .putMetadata("tenant", tenant)
                .build();
        PaymentIntent intent = call(() -> client(tenant).v1().paymentIntents().create(params, keyed(idempotencyKey)));
        return new PaymentRef(name(), intent.getId(), intent.getClientSecret(), null);
    }

    @Override
    public Optional<Capture> captured(String tenant, String paymentId) {
        PaymentIntent intent = call(() -> client(tenant).v1().paymentIntents().retrieve(paymentId));
        if (!"succeeded".equals(intent.getStatus())) {
            return Optional.empty();
        }
        String currency = intent.getCurrency().toUpperCase(Locale.ROOT);
        return Optional.of(new Capture(intent.getId(), major(intent.getAmountReceived() == null ? intent.getAmount()
                : intent.getAmountReceived(), currency), currency));
    }

    @Override
    public String refund(String tenant, String paymentId, BigDecimal amount, String currency, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(paymentId).setAmount(minor(amount, currency)).build();
        Refund refund = call(() -> client(tenant).v1().refunds().create(params, keyed(idempotencyKey)));
        return refund.getId();
    }

    @Override
    public void cancel(String tenant, String paymentId, String idempotencyKey) {
        call(() -> client(tenant).v1().paymentIntents().cancel(paymentId, keyed(idempotencyKey)));
    }

    /** Money as Stripe counts it: whole minor units of the currency. */
    public static long minor(BigDecimal amount, String currency) {
        return amount.movePointRight(Currency.getInstance(currency).getDefaultFractionDigits()).longValueExact();
    }

    /** Minor units back to money at the currency's scale. */
    public static BigDecimal major(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private StripeClient client(String tenant) {
        StripeSettings.Account account = settings.of(tenant);
        if (!account.configured()) {
            throw CommandRefused.conflict("PAYMENT_METHOD_UNAVAILABLE", "Card payments are not configured for this shop");
        }
        return clients.computeIfAbsent(account, a -> StripeClient.builder()
                .setApiKey(a.secretKey())
                .setApiBase(a.apiBase())
                .setConnectTimeout(2_000)
                .setReadTimeout(3_000)
                .setMaxNetworkRetries(0)
                .build());
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (ApiConnectionException e) {
            throw new ProviderUnavailable("Stripe cannot be reached: " + e.getMessage(), e);
        } catch (InvalidRequestException e) {
            throw new IllegalStateException("Stripe refused a request: " + e.getMessage(), e);
        } catch (StripeException e) {
            if (e.getStatusCode() != null && e.getStatusCode() >= 500 || e.getStatusCode() != null && e.getStatusCode() == 429) {
                throw new ProviderUnavailable("Stripe is failing: " + e.getMessage(), e);
            }
            throw new IllegalStateException("Stripe refused a request: " + e.getMessage(), e);
        }
    }
}
