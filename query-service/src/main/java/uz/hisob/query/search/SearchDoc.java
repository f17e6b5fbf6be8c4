package uz.hisob.query.search;

/**
 * One searchable thing in Elasticsearch. {@code titleNorm} is the title folded by {@link SearchText#normalize} in
 * Java (case, Uzbek apostrophe variants), so matching behaves the same on a stripped test node and a full
 * production cluster without language plugins.
 */
public record SearchDoc(String tenant, String type, String id, String parentId, String title, String titleNorm,
                        String subtitle) {

    public static SearchDoc of(String tenant, String type, String id, String parentId, String title, String subtitle) {
        return new SearchDoc(tenant, type, id, parentId, title, SearchText.normalize(title), subtitle);
    }

    /** The document id: unique per tenant, type and parent, so re-indexing the same fact overwrites it. */
    public String docId() {
        return tenant + ':' + type + ':' + (parentId == null ? "" : parentId) + ':' + id;
    }
}
