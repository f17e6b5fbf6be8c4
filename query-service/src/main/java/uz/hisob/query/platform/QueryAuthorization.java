package uz.hisob.query.platform;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;
import uz.hisob.platform.security.TenantRoles;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.OPERATOR;

/**
 * The query-service's own rules (audit.md, common.md); each context adds its reads' rules, ordered before these. The
 * rest of the reads are open to every role of a tenant.
 */
@Component
public class QueryAuthorization implements AuthorizationRules {

    private final TenantRoles tenantRoles;

    public QueryAuthorization(TenantRoles tenantRoles) {
        this.tenantRoles = tenantRoles;
    }

    @Override
    public void apply(RoleRules.Builder rules) {
        // processors, rebuilds and dead letters are shared by every tenant: the platform operator's alone (audit.md)
        rules.allow("/api/admin/**", OPERATOR)
                .allow("/api/ledger/**", ADMIN, AUDITOR)
                // every other read is tenant data: any of the tenant's roles, never the platform operator's
                .allow(HttpMethod.GET, "/api/**", tenantRoles.all().toArray(String[]::new));
    }
}
