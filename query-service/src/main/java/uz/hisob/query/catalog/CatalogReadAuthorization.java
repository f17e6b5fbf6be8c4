package uz.hisob.query.catalog;

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
 * Who reads the catalogue (commerce.md): everyone who works with products (MANAGER and AUDITOR read everything, a
 * WAREHOUSE_WORKER the products it receives and moves); the till's and the shop's roles join with their issues.
 * Ordered before the query-service's catch-all rule for tenant reads.
 */
@Component
@Order(0)
public class CatalogReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.GET, "/api/catalog/**", ADMIN, MANAGER, AUDITOR, WAREHOUSE_WORKER);
    }
}
