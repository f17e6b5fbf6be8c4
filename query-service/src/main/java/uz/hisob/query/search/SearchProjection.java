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
import uz.hisob.events.field.ClientArchived;
import uz.hisob.events.field.ClientChanged;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.ClientRegistered;
import uz.hisob.events.field.ClientRestored;
import uz.hisob.events.catalog.CategoryCreated;
import uz.hisob.events.catalog.CategoryDeleted;
import uz.hisob.events.catalog.CategoryUpdated;
import uz.hisob.events.catalog.ProductArchived;
import uz.hisob.events.catalog.ProductCreated;
import uz.hisob.events.catalog.ProductDetails;
import uz.hisob.events.catalog.ProductRestored;
import uz.hisob.events.catalog.ProductUpdated;
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
 * documents change only with definitions (kitchens, ingredients, meals, categories, products), which are rare next
 * to servings and sales, so the
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
        String docId = SearchDoc.docId(tenant, "meal", e.mealId(), e.kitchenId());
        String title = batch().get(docId) instanceof SearchDoc pending ? pending.title() : storedTitle(docId);
        if (title != null) {
            put(SearchDoc.of(tenant, "meal", e.mealId(), e.kitchenId(), title, "Meal (retired) · kitchen " + e.kitchenId()));
        }
    }

    @EventHandler
    void on(CategoryCreated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        put(SearchDoc.of(tenant, "category", e.categoryId(), e.parentId(), e.name(), "Category"));
    }

    @EventHandler
    void on(CategoryUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        put(SearchDoc.of(tenant, "category", e.categoryId(), e.parentId(), e.name(), "Category"));
    }

    @EventHandler
    void on(CategoryDeleted e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        batch().put(SearchDoc.docId(tenant, "category", e.categoryId(), null), DELETE);
    }

    @EventHandler
    void on(ProductCreated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        put(product(tenant, e.productId(), e.details(), false));
    }

    @EventHandler
    void on(ProductUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        // an update of an archived product is refused, so the product is not archived
        put(product(tenant, e.productId(), e.details(), false));
    }

    @EventHandler
    void on(ProductArchived e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        archived(SearchDoc.docId(tenant, "product", e.productId(), null), true);
    }

    @EventHandler
    void on(ProductRestored e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        archived(SearchDoc.docId(tenant, "product", e.productId(), null), false);
    }

    /** A product is found by its name, and whole by its SKU, a barcode or its 1C code; its category is the facet. */
    private static SearchDoc product(String tenant, String productId, ProductDetails d, boolean archived) {
        List<String> codes = new ArrayList<>();
        codes.add(d.sku());
        codes.addAll(d.barcodes());
        if (d.onecCode() != null) {
            codes.add(d.onecCode());
        }
        return SearchDoc.of(tenant, "product", productId, d.categoryId(), d.name(), "Product · SKU " + d.sku(), codes,
                d.categoryId(), archived);
    }

    @EventHandler
    void on(ClientRegistered e) {
        put(client(e.tenant(), e.clientId(), e.projectId(), e.details()));
    }

    @EventHandler
    void on(ClientChanged e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        // a change of an archived client keeps it archived
        SearchDoc doc = client(tenant, e.clientId(), e.projectId(), e.details());
        String docId = doc.docId();
        Object pending = batch().get(docId);
        boolean archived = pending instanceof SearchDoc p ? Boolean.TRUE.equals(p.archived()) : storedArchived(docId);
        put(archived ? new SearchDoc(doc.tenant(), doc.type(), doc.id(), doc.parentId(), doc.title(), doc.titleNorm(), doc.subtitle(),
                doc.keywords(), null, true, doc.textNorm()) : doc);
    }

    @EventHandler
    void on(ClientArchived e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        archived(SearchDoc.docId(tenant, "client", e.clientId(), null), true);
    }

    @EventHandler
    void on(ClientRestored e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        archived(SearchDoc.docId(tenant, "client", e.clientId(), null), false);
    }

    /**
     * A field-sales client is found by its name, by the words of its legal name and address, and whole by its TIN,
     * phone or 1C code; its parent is its project.
     */
    private static SearchDoc client(String tenant, String clientId, String projectId, ClientDetails d) {
        List<String> codes = new ArrayList<>();
        for (String code : new String[] {d.tin(), d.phone(), d.onecCode()}) {
            if (code != null && !code.isBlank()) {
                codes.add(code);
            }
        }
        String text = String.join(" ", java.util.stream.Stream.of(d.legalName(), d.address()).filter(java.util.Objects::nonNull).toList());
        String subtitle = "Client" + (d.address() == null ? "" : " · " + d.address());
        return SearchDoc.withText(tenant, "client", clientId, projectId, d.name(), subtitle, codes, text, false);
    }

    private boolean storedArchived(String docId) {
        try {
            var found = client.get(g -> g.index(target).id(docId), SearchDoc.class);
            return found.found() && found.source() != null && Boolean.TRUE.equals(found.source().archived());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Hides or shows a product: the document of this batch if it has one, else the stored one, in place. */
    private void archived(String docId, boolean archived) {
        Map<String, Object> docs = batch();
        if (docs.get(docId) instanceof SearchDoc pending) {
            docs.put(docId, new SearchDoc(pending.tenant(), pending.type(), pending.id(), pending.parentId(), pending.title(),
                    pending.titleNorm(), pending.subtitle(), pending.keywords(), pending.categoryId(), archived, pending.textNorm()));
        } else {
            docs.put(docId, Map.of("archived", archived));
        }
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    /** A document to delete, in a batch. */
    private static final Object DELETE = new Object();

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
        Map<String, Object> docs = batch();
        flush(docs);
        docs.clear();
    }

    @Override
    public void discardPending() {
        batch().clear();
    }

    /**
     * What the current processor batch does to each document, by document id (a later event's version wins), in event
     * order: a whole {@link SearchDoc}, a partial update (a map of fields), or {@link #DELETE}.
     */
    private Map<String, Object> batch() {
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(batchKey, key -> {
            Map<String, Object> docs = new LinkedHashMap<>();
            uow.onPrepareCommit(u -> flush(docs));
            return docs;
        });
    }

    private void flush(Map<String, Object> docs) {
        if (docs.isEmpty()) {
            return;
        }
        boolean live = target.equals(SearchIndex.ALIAS);
        if (live) {
            index.ensure();
        }
        List<BulkOperation> ops = new ArrayList<>(docs.size());
        docs.forEach((id, doc) -> ops.add(switch (doc) {
            case SearchDoc whole -> BulkOperation.of(b -> b.index(i -> i.index(target).id(id).document(whole)));
            case Map<?, ?> fields -> BulkOperation.of(b -> b.update(u -> u.index(target).id(id).action(a -> a.doc(fields))));
            default -> BulkOperation.of(b -> b.delete(d -> d.index(target).id(id)));
        }));
        try {
            BulkResponse response = client.bulk(b -> b.operations(ops).refresh(live ? Refresh.True : Refresh.False));
            // a document that is not there needs no delete and no partial update
            List<co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem> failed = response.items().stream()
                    .filter(i -> i.error() != null && i.status() != 404).toList();
            if (!failed.isEmpty()) {
                String first = failed.getFirst().id() + ": " + failed.getFirst().error().reason();
                throw new IllegalStateException("Elasticsearch refused " + failed.size()
                        + " of " + ops.size() + " search documents (first: " + first + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
