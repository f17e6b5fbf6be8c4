package uz.hisob.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleRulesTest {

    private final RoleRules rules = new RoleRules(List.of(
            r -> r.allow(HttpMethod.POST, "/api/kitchens", "ADMIN")
                    .allow(HttpMethod.POST, "/api/kitchens/*/servings", "ADMIN", "COOK"),
            r -> r.allow("/api/kitchens/**", "ADMIN", "MANAGER")));

    private Set<String> roles(HttpMethod method, String path) {
        return rules.rolesFor(method, PathContainer.parsePath(path));
    }

    @Test
    void theFirstMatchingRuleDecidesAcrossEveryContribution() {
        assertThat(roles(HttpMethod.POST, "/api/kitchens")).containsExactlyInAnyOrder("ADMIN");
        assertThat(roles(HttpMethod.POST, "/api/kitchens/k1/servings")).containsExactlyInAnyOrder("ADMIN", "COOK");
        // the servings rule is POST only: a GET falls through to the later, wider rule
        assertThat(roles(HttpMethod.GET, "/api/kitchens/k1/servings")).containsExactlyInAnyOrder("ADMIN", "MANAGER");
        assertThat(roles(HttpMethod.DELETE, "/api/kitchens/k1/ingredients/x")).containsExactlyInAnyOrder("ADMIN", "MANAGER");
        // '*' is one segment: a deeper path is not a serving
        assertThat(roles(HttpMethod.POST, "/api/kitchens/k1/x/servings")).containsExactlyInAnyOrder("ADMIN", "MANAGER");
        // no rule: any valid token
        assertThat(roles(HttpMethod.GET, "/api/me")).isNull();
    }

    @Test
    void aRuleWithoutRolesIsAMistake() {
        assertThatThrownBy(() -> new RoleRules(List.of(r -> r.allow("/api/x")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCallersRolesComeFromItsToken() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim(JwtClaims.TENANT, "t1")
                .claim(JwtClaims.PREFERRED_USERNAME, "ann").claim(JwtClaims.ROLES, List.of("MANAGER")).build();
        CallerAuthentication a = CallerAuthentication.of(jwt);
        assertThat(a.caller()).isEqualTo(new Caller("t1", "ann", Set.of("MANAGER")));
        assertThat(a.getName()).isEqualTo("ann");
    }
}
