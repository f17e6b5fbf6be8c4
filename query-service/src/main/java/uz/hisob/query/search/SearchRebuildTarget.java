package uz.hisob.query.search;

import org.springframework.stereotype.Component;
import uz.hisob.query.platform.RebuildTarget;

import java.util.Set;

/** Generations of the search index: {@code hisob-search-v<n>}, the alias moved over in one atomic update. */
@Component
class SearchRebuildTarget implements RebuildTarget {

    private final SearchIndex index;
    private final SearchProjection projection;

    SearchRebuildTarget(SearchIndex index, SearchProjection projection) {
        this.index = index;
        this.projection = projection;
    }

    @Override
    public String projection() {
        return SearchProjection.NAME;
    }

    @Override
    public int activeGeneration() {
        return index.activeGeneration();
    }

    @Override
    public void prepare(int generation) {
        index.prepare(generation);
    }

    @Override
    public Object handler(int generation) {
        return projection.forIndex(SearchIndex.name(generation));
    }

    /**
     * Elasticsearch is outside the database transaction this runs in: if that transaction then fails, the alias is
     * already on the new index and the live processor re-applies events from its older token there, which the
     * idempotent upserts absorb.
     */
    @Override
    public void switchTo(int generation) {
        index.switchTo(generation);
    }

    @Override
    public void dropAllExcept(Set<Integer> keep) {
        index.dropAllExcept(keep);
    }
}
