package uz.hisob.command.images;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who reviews photos (field-sales.md, "Images"): MANAGER and ADMIN. Uploads are ruled by the context they go to. */
@Component
public class ImageAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.POST, "/api/images/*/review", ADMIN, MANAGER);
    }
}
