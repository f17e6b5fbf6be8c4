package uz.hisob.local;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/auth/token}, {@code /api/auth/refresh} and {@code /api/users} as common.md describes them. */
class AuthAndUsersTest extends SystemTestSupport {

    static WebTestClient.ResponseSpec login(String username, String password) {
        return commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    static WebTestClient.ResponseSpec refresh(String refreshToken) {
        return commands().post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", refreshToken)).exchange();
    }

    @Test
    void aTokenCarriesTheContractsClaims() throws Exception {
        Map<?, ?> pair = login("manager", "manager").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(pair.get("token_type")).isEqualTo("Bearer");
        assertThat(pair.get("expires_in")).isEqualTo(900);
        assertThat((String) pair.get("refresh_token")).isNotBlank();
        SignedJWT jwt = SignedJWT.parse((String) pair.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("manager");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MANAGER");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
    }

    @Test
    void wrongCredentialsAre401() {
        CommonHttpContractTest.expectProblem(login("manager", "wrong-password"), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        CommonHttpContractTest.expectProblem(login("nobody", "whatever1"), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        CommonHttpContractTest.expectProblem(commands().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "manager")).exchange(), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
    }

    @Test
    void refreshTokensAreSingleUseAndReuseRevokesTheirFamily() {
        Map<?, ?> first = login("cook", "cook").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String r1 = (String) first.get("refresh_token");
        Map<?, ?> second = refresh(r1).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String r2 = (String) second.get("refresh_token");
        assertThat(r2).isNotEqualTo(r1);
        queries().get().uri("/api/kitchens").header("Authorization", "Bearer " + second.get("access_token"))
                .exchange().expectStatus().isOk();
        // r1 again: someone replays a stolen token; it fails, and so does the legitimate successor r2
        CommonHttpContractTest.expectProblem(refresh(r1), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        CommonHttpContractTest.expectProblem(refresh(r2), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        CommonHttpContractTest.expectProblem(refresh("never-issued"), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
    }

    @Test
    void anAdminCreatesUsersInItsOwnTenant() throws Exception {
        String name = uniqueId("cook");
        Map<?, ?> created = commands().post().uri("/api/users").header("Authorization", bearer("other-admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "s3cret-pass", "roles", List.of("COOK")))
                .exchange().expectStatus().isCreated()
                .expectHeader().exists("Location")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) created.get("id")).isNotBlank();
        assertThat(((Number) created.get("position")).longValue()).isPositive();
        Map<?, ?> pair = login(name, "s3cret-pass").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        var claims = SignedJWT.parse((String) pair.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("tenant")).isEqualTo("other");
        assertThat(claims.getStringListClaim("roles")).containsExactly("COOK");

        CommonHttpContractTest.expectProblem(commands().post().uri("/api/users").header("Authorization", bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "another-pass", "roles", List.of("COOK"))).exchange(),
                HttpStatus.CONFLICT, "ALREADY_EXISTS");
        commands().post().uri("/api/users").header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueId("u"), "password", "short7!", "roles", List.of("COOK"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        commands().post().uri("/api/users").header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueId("u"), "password", "long-enough", "roles", List.of("WIZARD"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("roles")
                // the roles each context contributes, and every tenant's own, are the ones known
                .jsonPath("$.errors[0].message").isEqualTo("unknown role WIZARD; known: [ADMIN, AGENT, AUDITOR, COOK, CUSTOMER, MANAGER, WAREHOUSE_WORKER]");
        commands().post().uri("/api/users").header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueId("u"), "password", "long-enough", "roles", List.of("WAREHOUSE_WORKER", "AUDITOR")))
                .exchange().expectStatus().isCreated();
        commands().post().uri("/api/users").header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueId("u"), "password", "long-enough", "roles", List.of())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("roles");
    }
}
