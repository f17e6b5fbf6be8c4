package uz.hisob.api;

/**
 * Tenant isolation on the command side, in one place: every aggregate identifier is the tenant id and the
 * client-visible id joined by {@code ':'}. A command can only ever address an aggregate of the caller's own tenant,
 * so another tenant's resources are indistinguishable from absent ones.
 */
public final class TenantScoped {

    private TenantScoped() {
    }

    public static String aggregateId(String tenant, String id) {
        if (tenant == null || tenant.isEmpty() || tenant.indexOf(':') >= 0) {
            throw new IllegalArgumentException("invalid tenant id");
        }
        return tenant + ':' + id;
    }

    /** The client-visible id of an aggregate identifier made by {@link #aggregateId}. */
    public static String localId(String aggregateId) {
        return aggregateId.substring(aggregateId.indexOf(':') + 1);
    }

    /** The tenant of an aggregate identifier made by {@link #aggregateId}. */
    public static String tenantOf(String aggregateId) {
        return aggregateId.substring(0, aggregateId.indexOf(':'));
    }
}
