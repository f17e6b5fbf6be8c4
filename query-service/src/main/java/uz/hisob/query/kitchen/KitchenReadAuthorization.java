package uz.hisob.query.kitchen;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.events.kitchen.KitchenRoles.COOK;
import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who reads a kitchen (kitchen.md, audit.md). Ordered before the query-service's catch-all rule for tenant reads. */
@Component
@Order(0)
public class KitchenReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow("/api/kitchens/*/reports/**", ADMIN, MANAGER, AUDITOR)
                // COOK "serves meals and reads stock, capacity, meals and alerts": not the serving log
                .allow(HttpMethod.GET, "/api/kitchens/*/servings", ADMIN, MANAGER, AUDITOR)
                // the kitchen's reads are its roles' (a warehouse keeper reads stock and movements of the shops)
                .allow(HttpMethod.GET, "/api/kitchens/**", ADMIN, MANAGER, AUDITOR, COOK);
    }
}
