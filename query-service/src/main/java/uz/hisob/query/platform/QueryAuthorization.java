package uz.hisob.query.platform;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.AUDITOR;
import static uz.hisob.platform.security.Roles.MANAGER;

/** The query-service's role matrix (kitchen.md, audit.md): everything else is open to any authenticated role. */
@Component
public class QueryAuthorization implements AuthorizationRules {

    @Override
    public void apply(ServerHttpSecurity.AuthorizeExchangeSpec rules) {
        rules.pathMatchers("/api/admin/**").hasRole(ADMIN)
                .pathMatchers("/api/ledger/**").hasAnyRole(ADMIN, AUDITOR)
                .pathMatchers("/api/kitchens/*/reports/**").hasAnyRole(ADMIN, MANAGER, AUDITOR)
                // COOK "serves meals and reads stock, capacity, meals and alerts": not the serving log
                .pathMatchers(HttpMethod.GET, "/api/kitchens/*/servings").hasAnyRole(ADMIN, MANAGER, AUDITOR)
                .pathMatchers(HttpMethod.GET, "/api/**").authenticated();
    }
}
