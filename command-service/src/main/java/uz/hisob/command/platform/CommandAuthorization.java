package uz.hisob.command.platform;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import uz.hisob.platform.security.AuthorizationRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.COOK;
import static uz.hisob.platform.security.Roles.MANAGER;

/** The command-service's role matrix, as the contract's tables give it (kitchen.md, common.md). */
@Component
public class CommandAuthorization implements AuthorizationRules {

    @Override
    public void apply(ServerHttpSecurity.AuthorizeExchangeSpec rules) {
        rules.pathMatchers(HttpMethod.POST, "/api/users").hasRole(ADMIN)
                .pathMatchers(HttpMethod.POST, "/api/kitchens").hasRole(ADMIN)
                .pathMatchers(HttpMethod.POST, "/api/kitchens/*/servings").hasAnyRole(ADMIN, COOK)
                .pathMatchers("/api/kitchens/**").hasAnyRole(ADMIN, MANAGER);
    }
}
