package uz.hisob.query.platform;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;
import uz.hisob.platform.security.Roles;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.COOK;
import static uz.hisob.platform.security.Roles.MANAGER;
import static uz.hisob.platform.security.Roles.OPERATOR;

/** The query-service's role matrix (kitchen.md, audit.md): the rest of the reads are open to every role of a tenant. */
@Component
public class QueryAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        // processors, rebuilds and dead letters are shared by every tenant: the platform operator's alone (audit.md)
        rules.allow("/api/admin/**", OPERATOR)
                .allow("/api/ledger/**", ADMIN, AUDITOR)
                .allow("/api/kitchens/*/reports/**", ADMIN, MANAGER, AUDITOR)
                // COOK "serves meals and reads stock, capacity, meals and alerts": not the serving log
                .allow(HttpMethod.GET, "/api/kitchens/*/servings", ADMIN, MANAGER, AUDITOR)
                // the kitchen's reads are its roles' (a warehouse keeper reads stock and movements of the shops)
                .allow(HttpMethod.GET, "/api/kitchens/**", ADMIN, MANAGER, AUDITOR, COOK)
                // every other read is tenant data: any of the tenant's roles, never the platform operator's
                .allow(HttpMethod.GET, "/api/**", Roles.TENANT_ROLES.toArray(String[]::new));
    }
}
