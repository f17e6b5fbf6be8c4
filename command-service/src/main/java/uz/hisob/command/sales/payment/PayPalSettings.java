package uz.hisob.command.sales.payment;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A tenant's PayPal REST app as configuration gives it (operations.md): API base URL, client id and secret, and the
 * id of its webhook (what PayPal's verification call checks a delivery against), under
 * {@code hisob.payments.paypal.tenants.<tenant>.*}, else {@code hisob.payments.paypal.*}.
 */
@Component
public class PayPalSettings {

    public record Account(String apiBase, String clientId, String clientSecret, String webhookId) {
        public boolean configured() {
            return clientId != null && !clientId.isBlank();
        }
    }

    private final Environment env;

    public PayPalSettings(Environment env) {
        this.env = env;
    }

    public Account of(String tenant) {
        return new Account(value(tenant, "api-base", "https://api-m.paypal.com"), value(tenant, "client-id", ""),
                value(tenant, "client-secret", ""), value(tenant, "webhook-id", ""));
    }

    private String value(String tenant, String key, String fallback) {
        String own = env.getProperty("hisob.payments.paypal.tenants." + tenant + "." + key);
        return own != null ? own : env.getProperty("hisob.payments.paypal." + key, fallback);
    }
}
