package uz.hisob.command.sales.payment;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A tenant's Stripe account as configuration gives it (operations.md): the API base URL, the secret API key and the
 * webhook endpoint's signing secret, under {@code hisob.payments.stripe.tenants.<tenant>.*}, else
 * {@code hisob.payments.stripe.*}. A tenant without a secret key takes no card payments; one without a webhook
 * secret has every webhook refused.
 */
@Component
public class StripeSettings {

    /** One tenant's account. */
    public record Account(String apiBase, String secretKey, String webhookSecret) {
        public boolean configured() {
            return secretKey != null && !secretKey.isBlank();
        }
    }

    private final Environment env;

    public StripeSettings(Environment env) {
        this.env = env;
    }

    public Account of(String tenant) {
        return new Account(value(tenant, "api-base", "https://api.stripe.com"), value(tenant, "secret-key", ""),
                value(tenant, "webhook-secret", ""));
    }

    private String value(String tenant, String key, String fallback) {
        String own = env.getProperty("hisob.payments.stripe.tenants." + tenant + "." + key);
        return own != null ? own : env.getProperty("hisob.payments.stripe." + key, fallback);
    }
}
