package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A command travels through every layer: HTTP → aggregate → event store → projections → reactive reads and search. */
class WalkingSkeletonTest extends SystemTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void deliveryShowsInStockAndKitchenIsSearchable() {
        String kitchen = uniqueId("k");
        commands().post().uri("/api/kitchens").header("Authorization", bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", kitchen, "name", "Quyosh bog'chasi oshxonasi"))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/kitchens/" + kitchen)
                .expectBody().jsonPath("$.id").isEqualTo(kitchen).jsonPath("$.position").isNumber();

        commands().post().uri("/api/kitchens/{k}/ingredients", kitchen).header("Authorization", bearer("manager"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "kartoshka", "name", "Kartoshka", "minStockGrams", 5000))
                .exchange().expectStatus().isCreated();

        Map<?, ?> delivery = commands().post().uri("/api/kitchens/{k}/deliveries", kitchen).header("Authorization", bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ingredientId", "kartoshka", "grams", 12000, "supplier", "Chorsu bozori"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        long position = ((Number) delivery.get("position")).longValue();
        assertThat(position).isPositive();

        Map<?, ?> stock = queries().get().uri("/api/kitchens/{k}/stock?minPosition={p}", kitchen, position)
                .header("Authorization", bearer("cook"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) stock.get("items")).containsExactly((Object) Map.of("ingredientId", "kartoshka", "name", "Kartoshka",
                "grams", 12000, "minStockGrams", 5000, "belowMinimum", false));

        queries().get().uri("/api/search?q=kartoshak&minPosition={p}", position).header("Authorization", bearer("cook"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == 'kartoshka' && @.parentId == '" + kitchen + "')].type")
                .isEqualTo("ingredient");
    }
}
