package uz.hisob.api.sales;

import uz.hisob.api.TenantScoped;

/** How sales aggregates are named: an order {@code tenant:order:id}, the settings {@code tenant:sales:settings}. */
public final class Orders {

    public static final String KIND = "order";
    public static final String SETTINGS_KIND = "sales";

    private Orders() {
    }

    public static String aggregateId(String tenant, String orderId) {
        return TenantScoped.aggregateId(tenant, KIND, orderId);
    }

    public static String settingsId(String tenant) {
        return TenantScoped.aggregateId(tenant, SETTINGS_KIND, "settings");
    }
}
