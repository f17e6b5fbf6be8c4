package uz.hisob.platform.security;

import java.util.Map;
import java.util.Set;

/**
 * Who is calling, taken from the validated token only: the tenant every read and write is confined to, the user
 * recorded on every event, the roles, and the resources a role is bound to ({@code scopes}: further string claims of
 * the token, such as an agent's {@code project} and {@code agent}; a context reads the ones it defines). Controllers
 * receive it as a parameter; nothing else decides the tenant.
 */
public record Caller(String tenant, String username, Set<String> roles, Map<String, String> scopes) {

    public Caller {
        scopes = Map.copyOf(scopes);
    }

    public Caller(String tenant, String username, Set<String> roles) {
        this(tenant, username, roles, Map.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The value of a scope claim, or null when the token has none. */
    public String scope(String claim) {
        return scopes.get(claim);
    }
}
