package uz.hisob.command;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import uz.hisob.command.auth.SigningKeys;
import uz.hisob.events.EventMetadata;

import java.util.Map;
import uz.hisob.platform.security.JwtClaims;

/** The command-service: every write of Hisob. */
@SpringBootApplication(scanBasePackages = {"uz.hisob.command", "uz.hisob.platform"})
@EnableScheduling
public class CommandServiceApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application as main() starts it; the local launcher and the system tests start it the same way. */
    public static SpringApplicationBuilder builder() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true"); // no machine here reaches the internet
        }
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties(Map.of("spring.config.name", "command-service"));
    }

    /** Axon's correlation and trace ids on every event (declared because a provider of our own displaces the default). */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new org.axonframework.messaging.correlation.MessageOriginProvider();
    }

    /** Who and which tenant travel from every command onto the events it causes (with Axon's correlation id). */
    @Bean
    public CorrelationDataProvider callerCorrelation() {
        return new SimpleCorrelationDataProvider(EventMetadata.TENANT, EventMetadata.USER);
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** This service verifies the tokens it signs with its own key; no network round trip. */
    @Bean
    public ReactiveJwtDecoder jwtDecoder(SigningKeys keys, @Value("${hisob.security.issuer}") String issuer) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(keys.publicKey()).build();
        decoder.setJwtValidator(JwtClaims.validator(issuer));
        return decoder; // verified once per token by the security chain (CachingBearerAuthentication)
    }
}
