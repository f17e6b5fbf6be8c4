package uz.hisob.local;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uz.hisob.command.auth.SigningKeys;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of common.md that every endpoint shares: authentication, roles, tenancy, errors, limits, paging. */
class CommonHttpContractTest extends SystemTestSupport {

    static String kitchen;

    @BeforeAll
    static void kitchen() {
        kitchen = uniqueId("common");
        commands().post().uri("/api/kitchens").header("Authorization", bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", kitchen, "name", "Common"))
                .exchange().expectStatus().isCreated();
    }

    static void expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.type").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void missingMalformedForeignOrExpiredTokensAre401OnBothServices() throws Exception {
        expectProblem(queries().get().uri("/api/kitchens").exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        expectProblem(commands().post().uri("/api/kitchens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x")).exchange(), HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        expectProblem(queries().get().uri("/api/kitchens").header("Authorization", "Bearer not.a.jwt").exchange(),
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");

        RSAKey ours = system().commandContext().getBean(SigningKeys.class).key();
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(ours.getKeyID()).generate();
        String issuer = system().commandUrl();
        String forged = sign(foreign, issuer, Instant.now().plusSeconds(600));
        String expired = sign(ours, issuer, Instant.now().minusSeconds(120));
        String wrongIssuer = sign(ours, "http://elsewhere", Instant.now().plusSeconds(600));
        for (String token : List.of(forged, expired, wrongIssuer)) {
            expectProblem(queries().get().uri("/api/kitchens").header("Authorization", "Bearer " + token).exchange(),
                    HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
            expectProblem(commands().post().uri("/api/kitchens").header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x")).exchange(),
                    HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
        }
        // the same claims signed by our key and unexpired are accepted: the refusals above are about the token
        String good = sign(ours, issuer, Instant.now().plusSeconds(600));
        queries().get().uri("/api/kitchens").header("Authorization", "Bearer " + good).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        // a refusal names the scheme and carries the same protective headers as an answer
        for (WebTestClient service : List.of(queries(), commands())) {
            service.get().uri("/api/kitchens").exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueMatches("Cache-Control", ".*no-store.*");
        }
        // an open path needs no token and ignores a bad one
        queries().get().uri("/actuator/health/liveness").header("Authorization", "Bearer not.a.jwt").exchange()
                .expectStatus().isOk();
    }

    private static String sign(RSAKey key, String issuer, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("someone")
                .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires))
                .claim("preferred_username", "admin").claim("tenant", "demo").claim("roles", List.of("ADMIN")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aValidTokenWithoutTheRoleIs403() {
        expectProblem(commands().post().uri("/api/kitchens").header("Authorization", bearer("cook"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Not mine")).exchange(),
                HttpStatus.FORBIDDEN, "FORBIDDEN");
        expectProblem(commands().post().uri("/api/kitchens/{k}/ingredients", kitchen).header("Authorization", bearer("auditor"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Tuz", "minStockGrams", 1)).exchange(),
                HttpStatus.FORBIDDEN, "FORBIDDEN");
        expectProblem(commands().post().uri("/api/users").header("Authorization", bearer("manager"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "x", "password", "longenough", "roles", List.of("COOK"))).exchange(),
                HttpStatus.FORBIDDEN, "FORBIDDEN");
    }

    @Test
    void anotherTenantsKitchenIsIndistinguishableFromAMissingOne() {
        expectProblem(queries().get().uri("/api/kitchens/{k}", kitchen).header("Authorization", bearer("other-admin")).exchange(),
                HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectProblem(queries().get().uri("/api/kitchens/{k}", "no-such-kitchen").header("Authorization", bearer("other-admin")).exchange(),
                HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectProblem(queries().get().uri("/api/kitchens/{k}/stock", kitchen).header("Authorization", bearer("other-admin")).exchange(),
                HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectProblem(commands().post().uri("/api/kitchens/{k}/ingredients", kitchen).header("Authorization", bearer("other-admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Tuz", "minStockGrams", 1)).exchange(),
                HttpStatus.NOT_FOUND, "NOT_FOUND");
        // the other tenant may use the same id for its own kitchen: ids are per tenant, nothing leaks
        commands().post().uri("/api/kitchens").header("Authorization", bearer("other-admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", kitchen, "name", "Theirs"))
                .exchange().expectStatus().isCreated();
        Map<?, ?> list = queries().get().uri("/api/kitchens?size=200").header("Authorization", bearer("other-admin"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) list.get("items")).allSatisfy(k -> assertThat(((Map<?, ?>) k).get("name")).isNotEqualTo("Common"));
    }

    @Test
    void badBodiesAre400WithTheFieldsNamed() {
        expectProblem(post("/api/kitchens", Map.of("name", "")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        post("/api/kitchens", Map.of("name", "")).expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        post("/api/kitchens", Map.of("id", "Has Spaces", "name", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        post("/api/kitchens", Map.of("name", "x", "timezone", "Mars/Olympus")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("timezone");
        post("/api/kitchens", Map.of("name", "x", "warningThresholdPct", 20, "misuseThresholdPct", 10)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("warningThresholdPct");
        post("/api/kitchens", Map.of("name", "x", "warningThresholdPct", 0)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("warningThresholdPct");
        String ingredients = "/api/kitchens/" + kitchen + "/ingredients";
        post(ingredients, Map.of("name", "Tuz", "minStockGrams", "abc")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("minStockGrams");
        post(ingredients, Map.of("name", "Tuz", "minStockGrams", -1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("minStockGrams");
        post(ingredients, Map.of("name", "Tuz", "minStockGrams", 1.5)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("minStockGrams");
        raw(ingredients, "{\"name\":\"Tuz\",\"minStockGrams\":99999999999999999999999}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("minStockGrams");
        raw(ingredients, "{\"name\":\"Tuz\",").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED").jsonPath("$.errors[0].field").isEqualTo("body");
        String deliveries = "/api/kitchens/" + kitchen + "/deliveries";
        post(deliveries, Map.of("ingredientId", "unknown", "grams", 10)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ingredientId");
        post(deliveries, Map.of("ingredientId", "x", "grams", 0)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("grams");
        // nothing in an error body gives the implementation away
        String body = raw(ingredients, "{\"name\":\"Tuz\",\"minStockGrams\":\"abc\"}").expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("Exception", "jackson", "java.", "at uz.", "SQL");
    }

    @Test
    void bodiesOverOneMebibyteAre413AndNonJsonIs415() {
        String huge = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        expectProblem(raw("/api/kitchens", huge), HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE");
        expectProblem(commands().post().uri("/api/kitchens").header("Authorization", bearer("admin"))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("name=x").exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void listsArePagedAndCappedAt200() {
        long position = 0;
        for (int i = 0; i < 3; i++) {
            Map<?, ?> created = post("/api/kitchens", Map.of("id", uniqueId("page"), "name", "Paged " + i)).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody();
            position = ((Number) created.get("position")).longValue();
        }
        Map<?, ?> first = queries().get().uri("/api/kitchens?size=2&page=0&minPosition=" + position).header("Authorization", bearer("admin"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        long total = ((Number) first.get("totalItems")).longValue();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat((List<?>) first.get("items")).hasSize(2);
        assertThat(first.get("size")).isEqualTo(2);
        assertThat(first.get("page")).isEqualTo(0);
        assertThat(((Number) first.get("totalPages")).longValue()).isEqualTo((total + 1) / 2);
        Map<?, ?> defaults = queries().get().uri("/api/kitchens").header("Authorization", bearer("admin"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(defaults.get("size")).isEqualTo(50);
        for (String bad : List.of("size=201", "size=0", "page=-1", "size=abc")) {
            expectProblem(queries().get().uri("/api/kitchens?" + bad).header("Authorization", bearer("admin")).exchange(),
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        }
        queries().get().uri("/api/kitchens?size=200").header("Authorization", bearer("admin")).exchange().expectStatus().isOk();
    }

    static WebTestClient.ResponseSpec post(String path, Map<String, ?> body) {
        return postAs("admin", path, body);
    }

    static WebTestClient.ResponseSpec postAs(String user, String path, Map<String, ?> body) {
        return commands().post().uri(path).header("Authorization", bearer(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static WebTestClient.ResponseSpec raw(String path, String json) {
        return commands().post().uri(path).header("Authorization", bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
