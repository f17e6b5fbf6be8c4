package uz.hisob.platform.security;

/**
 * The roles every tenant has, whatever its contexts: its ADMIN, its MANAGER and its AUDITOR, and the platform's
 * OPERATOR. A bounded context adds its own roles ({@link TenantRoleContribution}); {@link TenantRoles} knows them all.
 */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MANAGER = "MANAGER";
    public static final String AUDITOR = "AUDITOR";
    /**
     * The platform operator (common.md): sees and runs what all tenants share (processors, rebuilds, dead letters)
     * and no tenant's business data. No tenant's ADMIN can grant it; it is seeded from configuration.
     */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
