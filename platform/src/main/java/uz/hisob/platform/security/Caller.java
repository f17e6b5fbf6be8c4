package uz.hisob.platform.security;

import java.util.Set;

/**
 * Who is calling, taken from the validated token only: the tenant every read and write is confined to, the user
 * recorded on every event, and the roles. Controllers receive it as a parameter; nothing else decides the tenant.
 */
public record Caller(String tenant, String username, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
