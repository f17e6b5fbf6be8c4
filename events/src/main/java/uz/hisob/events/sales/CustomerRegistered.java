package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

/**
 * A customer of the shop: registered by itself (with a user of role CUSTOMER whose username is the e-mail) or, for a
 * user that exists already (the demo's), recorded for it. The e-mail is unique in the tenant, kept lower case.
 */
@Revision("1")
public record CustomerRegistered(String tenant, String customerId, String email, String name, String phone, String username) {
}
