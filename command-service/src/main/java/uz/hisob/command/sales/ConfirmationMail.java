package uz.hisob.command.sales;

import org.springframework.stereotype.Component;
import uz.hisob.api.sales.Orders;
import uz.hisob.command.platform.AggregateReader;
import uz.hisob.command.sales.mail.Mailer;

/**
 * An order's confirmation e-mail to its customer (commerce.md): to the customer's registered address, with the
 * order's number and total. A customer without a record (an order placed for a customer id nobody registered) gets
 * none.
 */
@Component
public class ConfirmationMail {

    private final AggregateReader aggregates;
    private final Mailer mailer;

    public ConfirmationMail(AggregateReader aggregates, Mailer mailer) {
        this.aggregates = aggregates;
        this.mailer = mailer;
    }

    public void send(String tenant, String customerId, String orderId, long number, String total, String currency) {
        aggregates.read("customerRepository", Orders.customerAggregateId(tenant, customerId), Customer::contact).ifPresent(contact ->
                mailer.send(contact.email(), "Buyurtma №" + number + " tasdiqlandi / Order " + number + " confirmed",
                        "Hurmatli " + contact.name() + ",\n\n"
                                + "Buyurtmangiz №" + number + " tasdiqlandi. Jami: " + total + " " + currency + ".\n"
                                + "Your order " + number + " (" + orderId + ") is confirmed. Total: " + total + " " + currency + ".\n"));
    }
}
