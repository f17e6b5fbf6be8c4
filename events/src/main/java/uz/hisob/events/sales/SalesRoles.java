package uz.hisob.events.sales;

import java.util.Set;

/** The online shop's own role (commerce.md): a customer's cart, orders and reviews. */
public final class SalesRoles {

    public static final String CUSTOMER = "CUSTOMER";
    public static final Set<String> ALL = Set.of(CUSTOMER);

    private SalesRoles() {
    }
}
