package uz.hisob.api.inventory;

import uz.hisob.api.TenantScoped;

/** How a stock location's aggregate is named: {@code tenant:location:id} ({@link TenantScoped#aggregateId(String, String, String)}). */
public final class StockLocations {

    public static final String KIND = "location";

    private StockLocations() {
    }

    public static String aggregateId(String tenant, String locationId) {
        return TenantScoped.aggregateId(tenant, KIND, locationId);
    }
}
