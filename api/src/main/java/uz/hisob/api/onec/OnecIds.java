package uz.hisob.api.onec;

import uz.hisob.api.TenantScoped;

/** The aggregate identifier of a project's 1C link: {@code tenant:onec:p}. */
public final class OnecIds {

    private OnecIds() {
    }

    public static String link(String tenant, String projectId) {
        return TenantScoped.aggregateId(tenant, "onec", projectId);
    }
}
