package uz.hisob.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.kitchen.IngredientDefined;
import uz.hisob.events.kitchen.IngredientUpdated;
import uz.hisob.events.kitchen.MealAdded;
import uz.hisob.events.kitchen.MealRetired;
import uz.hisob.events.kitchen.KitchenCreated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the search index in step with the ledger. Every write is an idempotent upsert by a deterministic document
 * id, so re-delivering an event (after a crash between indexing and storing the token) changes nothing.
 *
 * <p>The documents of one processor batch go to Elasticsearch as one bulk request before the batch's token is
 * stored. For the live index that request also refreshes it: a change is searchable as soon as it is indexed instead
 * of at the next scheduled refresh (up to {@code refresh_interval} later, and much later on a busy node). Search
 * documents change only with definitions (kitchens, ingredients, meals), which are rare next to servings, so the
 * refreshes are few; a batch without a search change sends nothing. A rebuild's generation is refreshed once, when
 * the alias moves to it.
 */
@Component
@ProcessingGroup(SearchProjection.NAME)
public class SearchProjection implements uz.hisob.query.platform.BatchingProjection {

    public static final String NAME = "search";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ElasticsearchClient client;
    private final SearchIndex index;
    /** Where documents go: the alias for the live processor, a generation's own index for a rebuild. */
    private final String target;
    /** Tells this instance's batch apart from another instance's (the live projection and a rebuild's) in one unit of work. */
    private final String batchKey = "search-batch-" + INSTANCES.incrementAndGet();

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
        SearchDoc pending = batch().get(key.docId());
        String title = pending != null ? pending.title() : storedTitle(key.docId());
        if (title != null) {
            put(SearchDoc.of(tenant, "meal", e.mealId(), e.kitchenId(), title, "Meal (retired) · kitchen " + e.kitchenId()));
        }
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    private String storedTitle(String docId) {
        try {
            var found = client.get(g -> g.index(target).id(docId), SearchDoc.class);
            return found.found() && found.source() != null ? found.source().title() : null;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void put(SearchDoc doc) {
        batch().put(doc.docId(), doc);
    }

    @Override
    public void flushPending() {
        Map<String, SearchDoc> docs = batch();
        flush(docs);
        docs.clear();
    }

    @Override
    public void discardPending() {
        batch().clear();
    }

    /** The documents of the current processor batch, by document id (a later event's version wins), in event order. */
    private Map<String, SearchDoc> batch() {
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(batchKey, key -> {
            Map<String, SearchDoc> docs = new LinkedHashMap<>();
            uow.onPrepareCommit(u -> flush(docs));
            return docs;
        });
    }

    private void flush(Map<String, SearchDoc> docs) {
        if (docs.isEmpty()) {
            return;
        }
        boolean live = target.equals(SearchIndex.ALIAS);
        if (live) {
            index.ensure();
        }
        List<BulkOperation> ops = new ArrayList<>(docs.size());
        docs.forEach((id, doc) -> ops.add(BulkOperation.of(b -> b.index(i -> i.index(target).id(id).document(doc)))));
        try {
            BulkResponse response = client.bulk(b -> b.operations(ops).refresh(live ? Refresh.True : Refresh.False));
            if (response.errors()) {
                String first = response.items().stream().filter(i -> i.error() != null)
                        .map(i -> i.id() + ": " + i.error().reason()).findFirst().orElse("?");
                throw new IllegalStateException("Elasticsearch refused " + response.items().stream().filter(i -> i.error() != null).count()
                        + " of " + ops.size() + " search documents (first: " + first + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
