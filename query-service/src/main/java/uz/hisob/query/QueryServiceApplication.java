package uz.hisob.query;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import uz.hisob.platform.security.JwtClaims;

import java.util.Map;

/** The query-service: every read of Hisob. */
@SpringBootApplication(scanBasePackages = {"uz.hisob.query", "uz.hisob.platform"})
@org.springframework.scheduling.annotation.EnableScheduling
public class QueryServiceApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application as main() starts it; the local launcher and the system tests start it the same way. */
    public static SpringApplicationBuilder builder() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true"); // no machine here reaches the internet
        }
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties(Map.of("spring.config.name", "query-service"));
    }

    /**
     * Trusts the command-service's key set, or an external OpenID Connect issuer when
     * {@code hisob.security.oidc-issuer-uri} is set (its tokens must carry the same claims).
     */
    @Bean
    public ReactiveJwtDecoder jwtDecoder(@Value("${hisob.security.issuer}") String issuer,
                                         @Value("${hisob.security.jwk-set-uri}") String jwkSetUri,
                                         @Value("${hisob.security.oidc-issuer-uri:}") String oidcIssuer) {
        if (!oidcIssuer.isBlank()) {
            NimbusReactiveJwtDecoder decoder = (NimbusReactiveJwtDecoder) ReactiveJwtDecoders.fromIssuerLocation(oidcIssuer);
            decoder.setJwtValidator(JwtClaims.validator(oidcIssuer));
            return decoder; // verified once per token by the security chain (CachingBearerAuthentication)
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(JwtClaims.validator(issuer));
        return decoder; // verified once per token by the security chain (CachingBearerAuthentication)
    }
}
