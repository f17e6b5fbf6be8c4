package uz.hisob.command.platform;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;

/** The command-service's own rules (common.md): users are the tenant ADMIN's. Each context adds its own. */
@Component
public class CommandAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.POST, "/api/users", ADMIN);
    }
}
