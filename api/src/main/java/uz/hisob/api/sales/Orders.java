package uz.hisob.api.sales;

import uz.hisob.api.TenantScoped;

/**
 * How sales aggregates are named: an order {@code tenant:order:id}, a customer {@code tenant:customer:id}, the settings
 * {@code tenant:sales:settings}.
 */
public final class Orders {

    public static final String KIND = "order";
    public static final String SETTINGS_KIND = "sales";
    public static final String CUSTOMER_KIND = "customer";
    /** The token claim of a customer's user: its customer id. */
    public static final String CUSTOMER_CLAIM = "customer";

    private Orders() {
    }

    public static String aggregateId(String tenant, String orderId) {
        return TenantScoped.aggregateId(tenant, KIND, orderId);
    }

    public static String customerAggregateId(String tenant, String customerId) {
        return TenantScoped.aggregateId(tenant, CUSTOMER_KIND, customerId);
    }

    public static String cartAggregateId(String tenant, String cartId) {
        return TenantScoped.aggregateId(tenant, "cart", cartId);
    }

    public static String settingsId(String tenant) {
        return TenantScoped.aggregateId(tenant, SETTINGS_KIND, "settings");
    }
}
