package uz.hisob.command.sales;

/**
 * What a customer's registration needs outside its aggregate, in its transaction: the tenant's e-mails (each once)
 * and the customer's user. Command handlers receive it as a parameter.
 */
public interface CustomerDirectory {

    /** Whether the tenant exists (has users). */
    boolean tenantExists(String tenant);

    /** Claims {@code email} (lower case) for the customer; false when another customer has it. */
    boolean claimEmail(String tenant, String email, String customerId);

    /** Creates the customer's user: role CUSTOMER, its tokens carrying the customer's id. 409 when the username is taken. */
    void createUser(String tenant, String username, String passwordHash, String customerId);
}
