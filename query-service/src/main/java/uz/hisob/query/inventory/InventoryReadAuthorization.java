package uz.hisob.query.inventory;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;
import static uz.hisob.events.inventory.InventoryRoles.WAREHOUSE_WORKER;

/**
 * Who reads stock (commerce.md): WAREHOUSE_WORKER stock and movements, MANAGER and AUDITOR everything, ADMIN
 * everything. Ordered before the query-service's catch-all rule for tenant reads (the first matching rule decides).
 */
@Component
@Order(0)
public class InventoryReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.GET, "/api/inventory/**", ADMIN, MANAGER, AUDITOR, WAREHOUSE_WORKER);
    }
}
