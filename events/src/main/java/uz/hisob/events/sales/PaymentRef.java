package uz.hisob.events.sales;

/**
 * The payment an order asked its provider for: the provider's own id of it (a Stripe payment intent {@code pi_…}, a
 * PayPal order), and what the client needs to complete it (a client secret, an approval URL).
 */
public record PaymentRef(String provider, String id, String clientSecret, String approveUrl) {
}
