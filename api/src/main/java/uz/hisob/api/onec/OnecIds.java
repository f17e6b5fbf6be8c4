package uz.hisob.api.onec;

import uz.hisob.api.TenantScoped;

/** The aggregate identifiers of the 1C link: a project's link {@code tenant:onec:p}, an order's way to 1C {@code tenant:onec-order:o}. */
public final class OnecIds {

    private OnecIds() {
    }

    public static String link(String tenant, String projectId) {
        return TenantScoped.aggregateId(tenant, "onec", projectId);
    }

    public static String order(String tenant, String orderId) {
        return TenantScoped.aggregateId(tenant, "onec-order", orderId);
    }
}
