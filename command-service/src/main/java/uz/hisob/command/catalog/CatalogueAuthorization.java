package uz.hisob.command.catalog;

import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who may change the catalogue (commerce.md): MANAGER and ADMIN. */
@Component
public class CatalogueAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow("/api/catalog/**", ADMIN, MANAGER);
    }
}
