package uz.hisob.command.onec;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who may drive a project's 1C link (onec.md); before field sales' rules, whose {@code /api/projects/**} is ADMIN's. */
@Component
@Order(0)
public class OnecAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        // 1C itself: with the project's API key (notify) or the exchange's login (CommerceML), not a token
        rules.openToAll("/api/onec/*/notify")
                .openToAll("/api/onec/*/commerceml")
                .allow(HttpMethod.POST, "/api/projects/*/onec/sync", ADMIN, MANAGER)
                .allow(HttpMethod.POST, "/api/orders/*/onec/resend", ADMIN, MANAGER)
                .allow("/api/projects/*/onec/**", ADMIN)
                .allow("/api/projects/*/onec", ADMIN);
    }
}
