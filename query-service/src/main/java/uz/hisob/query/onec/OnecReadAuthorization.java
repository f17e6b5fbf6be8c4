package uz.hisob.query.onec;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who reads a project's 1C run log (onec.md); before field sales' rules, whose {@code /api/projects/**} lets AGENTs read. */
@Component
@Order(-1)
public class OnecReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.GET, "/api/projects/*/onec/**", ADMIN, MANAGER, AUDITOR);
    }
}
