package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query-service cannot fetch the signing keys (operations.md, faults): a token it has never verified cannot be
 * checked, which is the key endpoint's failure, not the client's: 503 {@code UNAVAILABLE} with {@code Retry-After},
 * not a 401 that would send the client to log in again. A request without a token is still a 401, and the open paths
 * answer.
 */
class SigningKeysUnreachableTest extends SystemTestSupport {

    @Test
    void anUncheckableTokenIs503NotALogout() {
        int port = HisobSystem.freePort();
        String deadKeys = "http://127.0.0.1:" + HisobSystem.freePort() + "/.well-known/jwks.json"; // nothing listens there
        try (ConfigurableApplicationContext other = extraQueryService(port, Map.of("hisob.security.jwk-set-uri", deadKeys))) {
            assertThat(other.isActive()).isTrue();
            WebTestClient client = client("http://localhost:" + port);
            CommonHttpContractTest.expectProblem(client.get().uri("/api/kitchens").header("Authorization", bearer("manager"))
                    .exchange().expectHeader().valueEquals("Retry-After", "5"), HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE");
            CommonHttpContractTest.expectProblem(client.get().uri("/api/kitchens").exchange()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer"), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
            client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            // the same token on the instance that reaches the keys is fine: the 503 was about the keys
            queries().get().uri("/api/kitchens").header("Authorization", bearer("manager")).exchange().expectStatus().isOk();
        }
    }
}
