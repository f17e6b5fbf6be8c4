package uz.hisob.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;

/**
 * A verified bearer token together with the {@link Caller} it names, built once per token (and remembered with it by
 * {@link CachingBearerAuthentication}), so neither the roles nor the caller are read out of the claims again per request.
 */
public final class CallerAuthentication extends JwtAuthenticationToken {

    private final Caller caller;

    private CallerAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Caller caller) {
        super(jwt, authorities, caller.username());
        this.caller = caller;
    }

    public static CallerAuthentication of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(JwtClaims.ROLES);
        java.util.Map<String, String> scopes = new java.util.HashMap<>();
        jwt.getClaims().forEach((name, value) -> {
            if (value instanceof String text && !JwtClaims.NOT_SCOPES.contains(name)) {
                scopes.put(name, text);
            }
        });
        Caller caller = new Caller(jwt.getClaimAsString(JwtClaims.TENANT), jwt.getClaimAsString(JwtClaims.PREFERRED_USERNAME),
                roles == null ? java.util.Set.of() : java.util.Set.copyOf(roles), scopes);
        List<GrantedAuthority> authorities = caller.roles().stream()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        return new CallerAuthentication(jwt, authorities, caller);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallerAuthentication other && super.equals(other) && caller.equals(other.caller);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + caller.hashCode();
    }
}
