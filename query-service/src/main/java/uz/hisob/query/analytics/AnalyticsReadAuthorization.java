package uz.hisob.query.analytics;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;

/** Who reads analytics (commerce.md, "Sales analytics"): ADMIN, MANAGER, AUDITOR. Before the tenant-read catch-all. */
@Component
@Order(0)
public class AnalyticsReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.GET, "/api/analytics/**", ADMIN, MANAGER, AUDITOR);
    }
}
