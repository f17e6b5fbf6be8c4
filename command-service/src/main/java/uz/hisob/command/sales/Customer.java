package uz.hisob.command.sales;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.sales.Orders;
import uz.hisob.api.sales.RegisterCustomer;
import uz.hisob.events.sales.CustomerRegistered;

import java.util.Locale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer of the shop (commerce.md, "Customers and reviews"): registered once, its e-mail unique in the tenant,
 * its user created in the same transaction. What orders need of it (where to send their confirmations) is read here.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Customer {

    @AggregateIdentifier
    private String id;
    private String email;
    private String name;

    protected Customer() {
        // for Axon
    }

    @CommandHandler
    public Customer(RegisterCustomer cmd, CustomerDirectory directory) {
        if (!directory.tenantExists(cmd.tenant())) {
            throw CommandRefused.invalid("tenant", "no such shop");
        }
        String email = cmd.email().toLowerCase(Locale.ROOT);
        if (!directory.claimEmail(cmd.tenant(), email, cmd.customerId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A customer with this e-mail is registered");
        }
        String username = cmd.passwordHash() == null ? cmd.username() : email;
        if (cmd.passwordHash() != null) {
            directory.createUser(cmd.tenant(), username, cmd.passwordHash(), cmd.customerId());
        }
        apply(new CustomerRegistered(cmd.tenant(), cmd.customerId(), email, cmd.name(), cmd.phone(), username));
    }

    /** Where an order's confirmation goes, and to whom. */
    public record Contact(String email, String name) {
    }

    public Contact contact() {
        return new Contact(email, name);
    }

    @EventSourcingHandler
    void on(CustomerRegistered e) {
        id = Orders.customerAggregateId(e.tenant(), e.customerId());
        email = e.email();
        name = e.name();
    }
}
