package uz.hisob.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;

import java.util.List;

/** The claims Hisob's access tokens carry, and the validation every service applies to them. */
public final class JwtClaims {

    public static final String TENANT = "tenant";
    public static final String ROLES = "roles";
    public static final String PREFERRED_USERNAME = "preferred_username";

    /**
     * Claims that are not scopes: the registered ones (RFC 7519), OpenID Connect's usual ones, and Hisob's own. Every
     * other string claim binds the caller's role to a resource and reaches {@link Caller#scopes()}.
     */
    static final java.util.Set<String> NOT_SCOPES = java.util.Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti",
            "azp", "typ", "scope", "scp", "sid", "nonce", "auth_time", "acr", "amr", "at_hash", "session_state",
            "name", "given_name", "family_name", "email", "email_verified", "locale", "zoneinfo", TENANT, ROLES, PREFERRED_USERNAME);

    private JwtClaims() {
    }

    /** Signature aside: expiry, not-before, the issuer, and the presence of the claims Hisob relies on. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer) {
        OAuth2TokenValidator<Jwt> claims = jwt -> {
            String tenant = jwt.getClaimAsString(TENANT);
            String user = jwt.getClaimAsString(PREFERRED_USERNAME);
            List<String> roles = jwt.getClaimAsStringList(ROLES);
            if (tenant == null || tenant.isBlank() || user == null || user.isBlank() || roles == null) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token lacks the tenant, preferred_username or roles claim", null));
            }
            return OAuth2TokenValidatorResult.success();
        };
        OAuth2TokenValidator<Jwt> standard = issuer == null || issuer.isBlank()
                ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer);
        return new DelegatingOAuth2TokenValidator<>(standard, claims);
    }
}
