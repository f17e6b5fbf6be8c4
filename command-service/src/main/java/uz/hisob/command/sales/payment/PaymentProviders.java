package uz.hisob.command.sales.payment;

import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The adapters behind the payment port, by provider name, and which one takes which payment method. */
@Component
public class PaymentProviders {

    /** The payment methods of commerce.md and the provider of each (cash on delivery and invoices have none). */
    static final Map<String, String> PROVIDER_OF = Map.of("CARD", "stripe", "PAYPAL", "paypal");

    private final Map<String, PaymentProvider> byName;

    public PaymentProviders(List<PaymentProvider> providers) {
        this.byName = providers.stream().collect(Collectors.toMap(PaymentProvider::name, Function.identity()));
    }

    /** The provider taking {@code method}, or null when the method needs none. */
    public PaymentProvider forMethod(String method) {
        String name = PROVIDER_OF.get(method);
        if (name == null) {
            return null;
        }
        PaymentProvider provider = byName.get(name);
        if (provider == null) {
            throw CommandRefused.conflict("PAYMENT_METHOD_UNAVAILABLE", "Payments by " + method + " are not offered here yet");
        }
        return provider;
    }

    /** The adapter of a provider an order names. */
    public PaymentProvider named(String name) {
        PaymentProvider provider = byName.get(name);
        if (provider == null) {
            throw new IllegalStateException("no payment adapter named " + name);
        }
        return provider;
    }
}
