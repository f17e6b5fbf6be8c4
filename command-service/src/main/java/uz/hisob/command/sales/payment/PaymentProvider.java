package uz.hisob.command.sales.payment;

import uz.hisob.events.sales.PaymentRef;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The port to a payment provider (commerce.md "Payments"). Every call that changes something at the provider carries
 * an idempotency key derived from the command that makes it, so a call repeated after a timeout or a restart is one
 * call. A provider that cannot be reached throws {@link ProviderUnavailable}.
 */
public interface PaymentProvider {

    /** The provider's name as orders record it ({@code stripe}, {@code paypal}). */
    String name();

    /** Asks for a payment of {@code amount} for the order: what the client needs to pay it. */
    PaymentRef create(String tenant, String orderId, BigDecimal amount, String currency, String idempotencyKey);

    /** What the provider says of a payment now: captured (with its amount) or not yet. */
    Optional<Capture> captured(String tenant, String paymentId);

    /** Gives {@code amount} of the payment back; answers the provider's id of the refund. */
    String refund(String tenant, String paymentId, BigDecimal amount, String currency, String idempotencyKey);

    /** Withdraws a payment nobody paid (best effort: a payment that arrives anyway is refunded). */
    void cancel(String tenant, String paymentId, String idempotencyKey);

    /** A captured payment. */
    record Capture(String paymentId, BigDecimal amount, String currency) {
    }

    /** The provider cannot be reached or answers with its own failure: try again later. */
    final class ProviderUnavailable extends RuntimeException {
        public ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
