package uz.hisob.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** search.md: words, prefixes, one typo in longer words, both scripts, tenant scope, types, facets, 400 on empty q. */
class SearchTest extends SystemTestSupport {

    static KitchenApi k;

    @BeforeAll
    static void kitchen() {
        k = KitchenApi.create("search").ingredient("kartoshka", 0).ingredient("mol-goshti", 0).ingredient("kapusta", 0);
        k.expect(k.call("manager", HttpMethod.PUT, k.path("/ingredients/kapusta"), Map.of("name", "Капуста белокочанная", "minStockGrams", 0)), 200);
        k.expect(k.call("manager", HttpMethod.PUT, k.path("/ingredients/mol-goshti"), Map.of("name", "Mol go‘shti", "minStockGrams", 0)), 200);
        k.meal("dimlama", "kartoshka", 100, "mol-goshti", 50);
    }

    static List<String> ids(String query) {
        Map<?, ?> found = queries().get().uri("/api/search?" + query + "&minPosition=" + k.position).header("Authorization", bearer("cook"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) found.get("items")).stream().map(o -> (Map<?, ?>) o)
                .filter(h -> k.kitchen.equals(h.get("parentId")) || k.kitchen.equals(h.get("id")))
                .map(h -> h.get("type") + ":" + h.get("id")).toList();
    }

    @Test
    void wordsPrefixesTyposAndBothScripts() {
        assertThat(ids("q=Kartoshka")).contains("ingredient:kartoshka");
        assertThat(ids("q=KARTOSHKA")).as("case-insensitive").contains("ingredient:kartoshka");
        assertThat(ids("q=kartoshak")).as("one typo in a long word").contains("ingredient:kartoshka");
        assertThat(ids("q=kart")).as("word prefix").contains("ingredient:kartoshka");
        assertThat(ids("q=mol")).as("prefix of the first word").contains("ingredient:mol-goshti");
        assertThat(ids("q=go'shti")).as("any apostrophe spelling").contains("ingredient:mol-goshti");
        assertThat(ids("q=goshti")).contains("ingredient:mol-goshti");
        assertThat(ids("q=капуста")).as("Cyrillic").contains("ingredient:kapusta");
        assertThat(ids("q=Капус")).as("Cyrillic prefix").contains("ingredient:kapusta");
        assertThat(ids("q=dimlama")).containsExactly("meal:dimlama");
        assertThat(ids("q=mol")).as("a short word tolerates no typo").doesNotContain("ingredient:kartoshka");
        assertThat(ids("q=xyzzy")).isEmpty();
    }

    @Test
    void typesFacetsAndTenantScope() {
        assertThat(ids("q=dimlama&type=ingredient")).isEmpty();
        assertThat(ids("q=kartoshka&type=ingredient&type=meal")).contains("ingredient:kartoshka");
        Map<?, ?> faceted = queries().get().uri("/api/search?q=dimlama&facets=true&minPosition=" + k.position)
                .header("Authorization", bearer("cook")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) ((Map<?, ?>) faceted.get("facets")).get("type")).get("meal")).isEqualTo(1);
        Map<?, ?> other = queries().get().uri("/api/search?q=dimlama&minPosition=" + k.position).header("Authorization", bearer("other-admin"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(other.get("totalItems")).as("another tenant sees nothing of demo's").isEqualTo(0);
        queries().get().uri(b -> b.path("/api/search").queryParam("q", "   ").build()).header("Authorization", bearer("cook"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        for (String bad : List.of("", "q=", "q=x&type=planet", "q=x&size=500")) {
            queries().get().uri("/api/search?" + bad).header("Authorization", bearer("cook")).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        }
    }

    /**
     * A read with minPosition makes no index refresh of its own (issue #11.8): the projection's bulk refreshed before
     * its token moved, and a refresh per request would let any caller load the cluster at will.
     */
    @Test
    void minPositionReadsDoNotRefreshTheIndex() {
        ids("q=kartoshka"); // caught up
        long before = refreshes();
        for (int i = 0; i < 40; i++) {
            assertThat(ids("q=kartoshka")).contains("ingredient:kartoshka");
        }
        assertThat(refreshes() - before).as("refreshes during 40 searches with minPosition").isLessThan(5);
    }

    static long refreshes() {
        Map<?, ?> stats = client(system().stack().elasticsearchUrl()).get().uri("/hisob-search/_stats/refresh")
                .header("Accept", "application/json").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> refresh = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) stats.get("_all")).get("total")).get("refresh");
        return ((Number) refresh.get("total")).longValue() + ((Number) refresh.get("external_total")).longValue();
    }
}
