package uz.hisob.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.IngredientUpdated;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealRetired;
import uz.hisob.events.kitchen.KitchenCreated;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps the search index in step with the ledger. Every write is an idempotent upsert by a deterministic document
 * id, so re-delivering an event (after a crash between indexing and storing the token) changes nothing.
 */
@Component
@ProcessingGroup(SearchProjection.NAME)
public class SearchProjection {

    public static final String NAME = "search";

    private final ElasticsearchClient client;
    private final SearchIndex index;
    /** Where documents go: the alias for the live processor, a generation's own index for a rebuild. */
    private final String target;

    @org.springframework.beans.factory.annotation.Autowired
    public SearchProjection(ElasticsearchClient client, SearchIndex index) {
        this(client, index, SearchIndex.ALIAS);
    }

    private SearchProjection(ElasticsearchClient client, SearchIndex index, String target) {
        this.client = client;
        this.index = index;
        this.target = target;
    }

    /** The same handlers writing into one generation's index, for a background rebuild. */
    SearchProjection forIndex(String physicalIndex) {
        return new SearchProjection(client, index, physicalIndex);
    }

    @EventHandler
    void on(KitchenCreated e) {
        put(SearchDoc.of(e.tenant(), "kitchen", e.kitchenId(), null, e.name(), "Kitchen · " + e.timezone()));
    }

    @EventHandler
    void on(IngredientDefined e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        put(SearchDoc.of(tenant, "ingredient", e.ingredientId(), e.kitchenId(), e.name(),
                "Ingredient · kitchen " + e.kitchenId()));
    }

    @EventHandler
    void on(IngredientUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        put(SearchDoc.of(tenant, "ingredient", e.ingredientId(), e.kitchenId(), e.name(),
                "Ingredient · kitchen " + e.kitchenId()));
    }

    @EventHandler
    void on(MealAdded e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        put(SearchDoc.of(tenant, "meal", e.mealId(), e.kitchenId(), e.name(), "Meal · kitchen " + e.kitchenId()));
    }

    @EventHandler
    void on(MealRetired e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        SearchDoc key = new SearchDoc(tenant, "meal", e.mealId(), e.kitchenId(), null, null, null);
        try {
            var found = client.get(g -> g.index(target).id(key.docId()), SearchDoc.class);
            if (found.found() && found.source() != null) {
                SearchDoc d = found.source();
                put(SearchDoc.of(tenant, "meal", e.mealId(), e.kitchenId(), d.title(), "Meal (retired) · kitchen " + e.kitchenId()));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    private void put(SearchDoc doc) {
        if (target.equals(SearchIndex.ALIAS)) {
            index.ensure();
        }
        try {
            client.index(i -> i.index(target).id(doc.docId()).document(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
