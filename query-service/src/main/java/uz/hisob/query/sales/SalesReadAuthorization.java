package uz.hisob.query.sales;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.events.inventory.InventoryRoles.WAREHOUSE_WORKER;
import static uz.hisob.events.sales.SalesRoles.CUSTOMER;
import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;

/**
 * Who reads orders (commerce.md): ADMIN, MANAGER and AUDITOR every order, WAREHOUSE_WORKER the orders it fulfils,
 * a CUSTOMER its own (the reads confine it). Ordered before the query-service's catch-all rule for tenant reads.
 */
@Component
@Order(0)
public class SalesReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.GET, "/api/orders/**", ADMIN, MANAGER, AUDITOR, WAREHOUSE_WORKER, CUSTOMER)
                .allow(HttpMethod.GET, "/api/customers/me", CUSTOMER)
                .allow(HttpMethod.GET, "/api/carts/**", ADMIN, MANAGER, CUSTOMER);
    }
}
