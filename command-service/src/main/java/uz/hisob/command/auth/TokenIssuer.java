package uz.hisob.command.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.JwtClaims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Issues RS256 access tokens with the claims of the contract. */
@Component
public class TokenIssuer {

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final String issuer;
    private final Duration accessTokenTtl;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, Clock clock,
                       @Value("${hisob.security.issuer}") String issuer,
                       @Value("${hisob.security.access-token-ttl:PT15M}") Duration accessTokenTtl) {
        this.keys = keys;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.key())));
        this.issuer = issuer;
        this.accessTokenTtl = accessTokenTtl;
        this.clock = clock;
    }

    public String issue(UserAccount user) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(user.id().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(accessTokenTtl))
                .claim(JwtClaims.PREFERRED_USERNAME, user.username())
                .claim(JwtClaims.TENANT, user.tenant())
                .claim(JwtClaims.ROLES, List.copyOf(user.roles()));
        user.scopes().forEach(builder::claim);
        JwtClaimsSet claims = builder.build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.key().getKeyID()).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public long accessTokenTtlSeconds() {
        return accessTokenTtl.toSeconds();
    }
}
