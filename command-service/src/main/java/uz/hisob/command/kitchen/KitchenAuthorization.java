package uz.hisob.command.kitchen;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.events.kitchen.KitchenRoles.COOK;
import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who may change a kitchen (kitchen.md): ADMIN creates kitchens, COOK serves, MANAGER everything else. */
@Component
public class KitchenAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.POST, "/api/kitchens", ADMIN)
                .allow(HttpMethod.POST, "/api/kitchens/*/servings", ADMIN, COOK)
                .allow("/api/kitchens/**", ADMIN, MANAGER);
    }
}
