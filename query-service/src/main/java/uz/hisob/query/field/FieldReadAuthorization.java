package uz.hisob.query.field;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.events.field.FieldRoles.AGENT;
import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;

/**
 * Who reads field sales (field-sales.md): ADMIN, MANAGER and AUDITOR everything of their tenant, an AGENT its own
 * project's and its own visits ({@link FieldReader}); KPIs are not the agents'. Ordered before the query-service's
 * catch-all rule for tenant reads.
 */
@Component
@Order(0)
public class FieldReadAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow(HttpMethod.GET, "/api/projects/*/kpis", ADMIN, MANAGER, AUDITOR)
                .allow(HttpMethod.GET, "/api/projects/*/images", ADMIN, MANAGER, AUDITOR)
                // where every agent is: the managers' live map, not the agents'
                .allow(HttpMethod.GET, "/api/projects/*/agents/live", ADMIN, MANAGER, AUDITOR)
                .allow(HttpMethod.GET, "/api/projects/*/stream", ADMIN, MANAGER, AUDITOR)
                .allow(HttpMethod.GET, "/api/projects/**", ADMIN, MANAGER, AUDITOR, AGENT)
                .allow(HttpMethod.GET, "/api/projects", ADMIN, MANAGER, AUDITOR, AGENT)
                .allow(HttpMethod.GET, "/api/visits/**", ADMIN, MANAGER, AUDITOR, AGENT)
                .allow(HttpMethod.GET, "/api/agents/**", ADMIN, MANAGER, AUDITOR, AGENT);
    }
}
