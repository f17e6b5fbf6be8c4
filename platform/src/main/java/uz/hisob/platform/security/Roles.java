package uz.hisob.platform.security;

import java.util.Set;

/** The role names Hisob knows. Bounded contexts add theirs here as they arrive. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MANAGER = "MANAGER";
    public static final String COOK = "COOK";
    public static final String AUDITOR = "AUDITOR";
    /** Commerce (commerce.md): receipts, transfers, write-offs, counts and fulfilment; reads stock and movements. */
    public static final String WAREHOUSE_WORKER = "WAREHOUSE_WORKER";
    /**
     * The platform operator (common.md): sees and runs what all tenants share (processors, rebuilds, dead letters)
     * and no tenant's business data. No tenant's ADMIN can grant it; it is seeded from configuration.
     */
    public static final String OPERATOR = "OPERATOR";

    /** The roles a tenant's ADMIN may give its users. */
    public static final Set<String> TENANT_ROLES = Set.of(ADMIN, MANAGER, COOK, AUDITOR, WAREHOUSE_WORKER);

    private Roles() {
    }
}
