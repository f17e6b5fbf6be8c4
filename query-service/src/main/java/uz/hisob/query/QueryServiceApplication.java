package uz.hisob.query;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import uz.hisob.platform.security.JwtClaims;

import java.util.Map;

/** The query-service: every read of Hisob. */
@SpringBootApplication(scanBasePackages = {"uz.hisob.query", "uz.hisob.platform"})
public class QueryServiceApplication {

    public static void main(String[] args) {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication app = new SpringApplication(QueryServiceApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "query-service"));
        app.run(args);
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
            return decoder;
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(JwtClaims.validator(issuer));
        return decoder;
    }
}
