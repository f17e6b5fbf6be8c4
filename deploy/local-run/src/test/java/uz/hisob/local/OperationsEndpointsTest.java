package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health (with liveness and readiness), Prometheus, OpenAPI and Swagger UI on both services, without a token. */
class OperationsEndpointsTest extends SystemTestSupport {

    @Test
    void bothServicesExposeTheirOperationsEndpointsOpenly() {
        for (WebTestClient service : List.of(commands(), queries())) {
            service.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
            service.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
            service.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.databases.status").isEqualTo("UP");
            String prometheus = service.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(prometheus).contains("jvm_memory_used_bytes", "hikaricp_connections");
            service.get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.openapi").exists().jsonPath("$.paths").isNotEmpty();
            service.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        }
        String queryMetrics = queries().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(queryMetrics).contains("hisob_projection_lag{processor=\"kitchen\"}", "hisob_projection_lag{processor=\"search\"}");
        String commandApi = commands().get().uri("/v3/api-docs").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(commandApi).contains("/api/kitchens/{kitchenId}/servings", "/api/auth/token", "/api/users");
        String queryApi = queries().get().uri("/v3/api-docs").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(queryApi).contains("/api/kitchens/{kitchenId}/stock", "/api/search");
    }
}
