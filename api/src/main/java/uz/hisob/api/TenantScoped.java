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

    /**
     * The identifier of an aggregate of a given kind: {@code tenant:kind:id}. The kitchen, the first context, names its
     * aggregates {@code tenant:id}; every later context names the kind as well, so that two contexts' aggregates never
     * share an identifier (a location and a kitchen both called {@code chilonzor} are two streams of events, and a
     * command for one can never load the other's).
     */
    public static String aggregateId(String tenant, String kind, String id) {
        if (kind == null || kind.isEmpty() || kind.indexOf(':') >= 0) {
            throw new IllegalArgumentException("invalid aggregate kind");
        }
        return aggregateId(tenant, kind + ':' + id);
    }

    /** The client-visible id of an aggregate identifier made by {@link #aggregateId}. */
    public static String localId(String aggregateId) {
        return aggregateId.substring(aggregateId.lastIndexOf(':') + 1);
    }

    /** The tenant of an aggregate identifier made by {@link #aggregateId}. */
    public static String tenantOf(String aggregateId) {
        return aggregateId.substring(0, aggregateId.indexOf(':'));
    }
}
