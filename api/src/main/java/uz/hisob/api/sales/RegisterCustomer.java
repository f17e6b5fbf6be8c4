package uz.hisob.api.sales;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a customer. With a {@code passwordHash}, its user (role CUSTOMER, username = the e-mail) is created in the
 * same transaction; without, {@code username} names the user it belongs to.
 */
public record RegisterCustomer(String tenant, String customerId, String email, String name, String phone, String username,
                               String passwordHash) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Orders.customerAggregateId(tenant, customerId);
    }

    @Override
    public String toString() {
        return "RegisterCustomer[tenant=" + tenant + ", customerId=" + customerId + ", email=" + email + "]";
    }
}
