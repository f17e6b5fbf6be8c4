package uz.hisob.command.field;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.events.field.FieldRoles.AGENT;
import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;

/**
 * Who may change what in field sales (field-sales.md). Which project and which visit an AGENT may touch is checked
 * per request ({@link FieldAccess}): another project is 404, another agent's visit 403.
 */
@Component
public class FieldAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow("/api/projects/*/agents/**", ADMIN, MANAGER)
                .allow("/api/projects/*/references/**", ADMIN, MANAGER)
                .allow("/api/projects/*/visit-steps/**", ADMIN, MANAGER)
                .allow("/api/projects/*/routes/**", ADMIN, MANAGER)
                .allow(HttpMethod.POST, "/api/projects/*/clients/*/images", ADMIN, MANAGER, AGENT)
                .allow("/api/projects/*/clients/**", ADMIN, MANAGER)
                .allow(HttpMethod.POST, "/api/projects/*/visits/check-in", AGENT)
                .allow("/api/projects/*/visits/**", ADMIN, MANAGER)
                .allow(HttpMethod.POST, "/api/projects/*/images", ADMIN, MANAGER, AGENT)
                .allow(HttpMethod.POST, "/api/visits/*/reschedule", ADMIN, MANAGER, AGENT)
                .allow(HttpMethod.POST, "/api/visits/*/cancel", ADMIN, MANAGER, AGENT)
                .allow("/api/visits/**", AGENT)
                .allow(HttpMethod.POST, "/api/agents/me/track", AGENT)
                .allow("/api/projects/**", ADMIN)
                .allow("/api/projects", ADMIN);
    }
}
