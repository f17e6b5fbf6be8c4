package uz.hisob.command.platform;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.COOK;
import static uz.hisob.platform.security.Roles.MANAGER;

/** The command-service's role matrix, as the contract's tables give it (kitchen.md, common.md). */
@Component
public class CommandAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.POST, "/api/users", ADMIN)
                .allow(HttpMethod.POST, "/api/kitchens", ADMIN)
                .allow(HttpMethod.POST, "/api/kitchens/*/servings", ADMIN, COOK)
                .allow("/api/kitchens/**", ADMIN, MANAGER);
    }
}
