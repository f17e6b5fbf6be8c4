package uz.hisob.api.field;

import uz.hisob.api.TenantScoped;

/** The aggregate identifiers of field sales: {@code tenant:project:p}, {@code tenant:agent:a}, {@code tenant:client:c}. */
public final class FieldIds {

    private FieldIds() {
    }

    public static String project(String tenant, String projectId) {
        return TenantScoped.aggregateId(tenant, "project", projectId);
    }

    public static String agent(String tenant, String agentId) {
        return TenantScoped.aggregateId(tenant, "agent", agentId);
    }

    public static String route(String tenant, String routeId) {
        return TenantScoped.aggregateId(tenant, "route", routeId);
    }

    /** Clients are unique per tenant (a client id names one outlet of one project). */
    public static String client(String tenant, String clientId) {
        return TenantScoped.aggregateId(tenant, "client", clientId);
    }
}
