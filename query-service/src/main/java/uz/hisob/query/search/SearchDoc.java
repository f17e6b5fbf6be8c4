package uz.hisob.query.search;

import java.util.List;
import java.util.Set;

/**
 * One searchable thing in Elasticsearch. {@code titleNorm} is the title folded by {@link SearchText#normalize} in
 * Java (case, Uzbek apostrophe variants), so matching behaves the same on a stripped test node and a full
 * production cluster without language plugins. {@code keywords} are codes matched whole (a product's SKU, barcodes
 * and 1C code, folded the same way), {@code categoryId} the category a product is in (the facet), {@code archived}
 * true for what is hidden from search, {@code textNorm} further words a document is found by (a client's legal name
 * and address), folded the same way.
 */
public record SearchDoc(String tenant, String type, String id, String parentId, String title, String titleNorm,
                        String subtitle, List<String> keywords, String categoryId, Boolean archived, String textNorm) {

    /** Types whose ids are unique only within their parent (a kitchen's ingredients and meals). */
    private static final Set<String> SCOPED_BY_PARENT = Set.of("ingredient", "meal");

    public static SearchDoc of(String tenant, String type, String id, String parentId, String title, String subtitle) {
        return new SearchDoc(tenant, type, id, parentId, title, SearchText.normalize(title), subtitle, null, null, null, null);
    }

    /** A document with codes matched whole and a category. */
    public static SearchDoc of(String tenant, String type, String id, String parentId, String title, String subtitle,
                               List<String> keywords, String categoryId, boolean archived) {
        return new SearchDoc(tenant, type, id, parentId, title, SearchText.normalize(title), subtitle,
                keywords.stream().map(SearchText::normalize).distinct().toList(), categoryId, archived, null);
    }

    /** A document found also by further words ({@code text}) and by codes matched whole. */
    public static SearchDoc withText(String tenant, String type, String id, String parentId, String title, String subtitle,
                               List<String> keywords, String text, boolean archived) {
        return new SearchDoc(tenant, type, id, parentId, title, SearchText.normalize(title), subtitle,
                keywords.stream().map(SearchText::normalize).distinct().toList(), null, archived,
                text == null || text.isBlank() ? null : SearchText.normalize(text));
    }

    /**
     * The document id: unique per tenant and type (and parent, for types whose ids are the parent's), so re-indexing
     * the same fact overwrites it, and a product that moves to another category stays one document.
     */
    public String docId() {
        return docId(tenant, type, id, parentId);
    }

    public static String docId(String tenant, String type, String id, String parentId) {
        String scope = SCOPED_BY_PARENT.contains(type) && parentId != null ? parentId : "";
        return tenant + ':' + type + ':' + scope + ':' + id;
    }
}
