package uz.hisob.api.catalog;

import uz.hisob.api.TenantScoped;

/** How a tenant's catalogue aggregate is named: {@code tenant:catalog:main}, one per tenant. */
public final class Catalogues {

    public static final String KIND = "catalog";

    private Catalogues() {
    }

    public static String aggregateId(String tenant) {
        return TenantScoped.aggregateId(tenant, KIND, "main");
    }
}
