package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What all tenants share is the platform OPERATOR's, and nothing of it leaks to a tenant (issue #11.6): tenant ADMINs
 * get 403 on processors and rebuilds, no tenant can grant OPERATOR, the operator reads no tenant data, and a command
 * that appends nothing answers its tenant's own latest position, not the store's.
 */
class OperatorAndPositionsTest extends SystemTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void tenantAdminsCannotSeeOrRunWhatAllTenantsShare() {
        for (String user : List.of("admin", "other-admin")) {
            queries().get().uri("/api/admin/projections").header("Authorization", bearer(user)).exchange().expectStatus().isForbidden();
            queries().post().uri("/api/admin/projections/kitchen/rebuild").header("Authorization", bearer(user)).exchange()
                    .expectStatus().isForbidden();
        }
        Map<?, ?> listing = queries().get().uri("/api/admin/projections").header("Authorization", bearer("operator")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) listing.get("items")).extracting(p -> (Object) ((Map<?, ?>) p).get("name")).contains("kitchen", "search");
    }

    @Test
    void noTenantCanGrantTheOperatorRole() {
        commands().post().uri("/api/users").header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueId("op"), "password", "long-enough", "roles", List.of("OPERATOR"))).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        commands().post().uri("/api/users").header("Authorization", bearer("other-admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", uniqueId("op"), "password", "long-enough", "roles", List.of("COOK", "OPERATOR"))).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void theOperatorSeesNoTenantsBusinessData() {
        for (String path : List.of("/api/kitchens", "/api/kitchens/quyosh/stock", "/api/search?q=un", "/api/ledger")) {
            queries().get().uri(path).header("Authorization", bearer("operator")).exchange().expectStatus().isForbidden();
        }
        commands().post().uri("/api/kitchens").header("Authorization", bearer("operator")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Not mine")).exchange().expectStatus().isForbidden();
    }

    @Test
    void aCommandThatAppendsNothingAnswersItsTenantsLatestPosition() {
        KitchenApi k = KitchenApi.create("pos").ingredient("un", 0).meal("non", "un", 10);
        Map<?, ?> retired = k.expect(k.call("manager", HttpMethod.DELETE, k.path("/meals/non"), null), 200);
        long tenantsLatest = ((Number) retired.get("position")).longValue();
        // another tenant writes after it: the store's head moves on
        Map<?, ?> other = CommonHttpContractTest.postAs("other-admin", "/api/kitchens", Map.of("name", "Busy elsewhere"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) other.get("position")).longValue()).isGreaterThan(tenantsLatest);
        // retiring again appends nothing: the answer is this tenant's latest event, which its read models have
        Map<?, ?> again = k.expect(k.call("manager", HttpMethod.DELETE, k.path("/meals/non"), null), 200);
        assertThat(((Number) again.get("position")).longValue()).isEqualTo(tenantsLatest);
    }
}
