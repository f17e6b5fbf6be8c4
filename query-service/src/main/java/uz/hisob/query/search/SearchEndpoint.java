package uz.hisob.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.platform.MinPositionFilter;
import uz.hisob.query.platform.ReadsFrom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/search}: one box for everything a user looks up by name, confined to the caller's tenant.
 * Whole words and word prefixes match; words of five letters or more tolerate one typo; a product's SKU, barcode or
 * 1C code matches whole. With {@code facets=true} the answer counts the hits by type and, for products, by category.
 */
@RestController
public class SearchEndpoint {

    static final Set<String> TYPES = Set.of("kitchen", "ingredient", "meal", "client", "product", "category");
    private static final int MAX_WINDOW = 10_000;

    /** One hit, as the contract shows it. */
    public record SearchHit(String type, String id, String title, String subtitle, double score, String highlight,
                       String parentId) {
    }

    private final ElasticsearchAsyncClient async;

    public SearchEndpoint(ElasticsearchClient client) {
        this.async = new ElasticsearchAsyncClient(client._transport());
    }

    @GetMapping("/api/search")
    @ReadsFrom(SearchProjection.NAME)
    public Mono<Map<String, Object>> search(@RequestParam(required = false) String q,
                                            @RequestParam(name = "type", required = false) List<String> types,
                                            @RequestParam(required = false, defaultValue = "false") boolean facets,
                                            // described here for the API; MinPositionFilter waits for it before this runs
                                            @RequestParam(name = MinPositionFilter.PARAM, required = false) Long minPosition,
                                            PageRequest page, Caller caller) {
        if (q == null || q.isBlank()) {
            throw ApiException.invalid("q", "must not be empty");
        }
        if (q.length() > 200) {
            throw ApiException.invalid("q", "must be at most 200 characters");
        }
        List<String> wanted = types == null ? List.of() : types;
        for (String t : wanted) {
            if (!TYPES.contains(t)) {
                throw ApiException.invalid("type", "unknown type " + t + "; known: " + TYPES);
            }
        }
        if (page.offset() + page.size() > MAX_WINDOW) {
            throw ApiException.invalid("page", "page × size must stay within the first " + MAX_WINDOW + " results");
        }
        String norm = SearchText.normalize(q);
        Query query = Query.of(root -> root.bool(b -> {
            b.filter(f -> f.term(t -> t.field("tenant").value(caller.tenant())));
            // archived products are hidden from search, as from lists
            b.mustNot(n -> n.term(t -> t.field("archived").value(true)));
            // an AGENT finds the clients of its own project only (field-sales.md)
            String agentProject = uz.hisob.query.field.FieldReader.isAgent(caller)
                    ? caller.scope(uz.hisob.events.field.FieldRoles.PROJECT_CLAIM) : null;
            if (uz.hisob.query.field.FieldReader.isAgent(caller)) {
                b.filter(f -> f.bool(o -> o.should(x -> x.bool(n -> n.mustNot(m -> m.term(t -> t.field("type").value("client")))))
                        .should(x -> x.term(t -> t.field("parentId").value(agentProject == null ? "" : agentProject)))
                        .minimumShouldMatch("1")));
            }
            if (!wanted.isEmpty()) {
                b.filter(f -> f.terms(t -> t.field("type").terms(v -> v.value(wanted.stream().map(FieldValue::of).toList()))));
            }
            // Each way of matching adds a fixed weight (whole words 4, prefix 2, one typo 1, the original spelling 1):
            // the score says how the query matched, never the index's statistics, so the same documents always
            // answer the same body and order: across rebuilds, merges, replicas and shards.
            b.should(s -> s.constantScore(c -> c.boost(4f).filter(f -> f.match(m -> m.field("titleNorm").query(norm).operator(Operator.And)))));
            b.should(s -> s.constantScore(c -> c.boost(2f).filter(f -> f.matchBoolPrefix(m -> m.field("titleNorm").query(norm)
                    .operator(Operator.And)))));
            b.should(s -> s.constantScore(c -> c.boost(1f).filter(f -> f.match(m -> m.field("titleNorm").query(norm).operator(Operator.And)
                    .fuzziness("AUTO:5,100").prefixLength(1)))));
            b.should(s -> s.constantScore(c -> c.boost(1f).filter(f -> f.match(m -> m.field("title").query(q).operator(Operator.And)))));
            // further words (a client's legal name and address): whole words 2, prefixes 1
            b.should(s -> s.constantScore(c -> c.boost(2f).filter(f -> f.match(m -> m.field("textNorm").query(norm).operator(Operator.And)))));
            b.should(s -> s.constantScore(c -> c.boost(1f).filter(f -> f.matchBoolPrefix(m -> m.field("textNorm").query(norm)
                    .operator(Operator.And)))));
            // a code matched whole: a product's SKU, barcode or 1C code, a client's TIN, phone or 1C code
            b.should(s -> s.constantScore(c -> c.boost(4f).filter(f -> f.term(t -> t.field("keywords").value(norm)))));
            return b.minimumShouldMatch("1");
        }));
        // no refresh here: the search projection's bulk requests refresh the index before its token moves, so what
        // minPosition waited for is searchable already (a refresh per request would let any caller load the cluster)
        return Mono.fromFuture(() -> async.search(s -> {
                    s.index(SearchIndex.ALIAS).query(query).from((int) page.offset()).size(page.size())
                            .trackTotalHits(t -> t.enabled(true))
                            .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                            .sort(o -> o.field(f -> f.field("title.sort").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("parentId").order(SortOrder.Asc).missing("_first")))
                            .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                            .highlight(h -> h.fields(co.elastic.clients.util.NamedValue.of("title",
                                    co.elastic.clients.elasticsearch.core.search.HighlightField.of(f -> f.requireFieldMatch(false)))));
                    if (facets) {
                        s.aggregations("type", a -> a.terms(t -> t.field("type")));
                        s.aggregations("category", a -> a.terms(t -> t.field("categoryId").size(100)));
                    }
                    return s;
                }, SearchDoc.class))
                .map(r -> answer(r, page, facets))
                .onErrorMap(e -> !(e instanceof ApiException), e -> e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e);
    }

    private static Map<String, Object> answer(SearchResponse<SearchDoc> r, PageRequest page, boolean facets) {
        List<SearchHit> items = new ArrayList<>();
        for (Hit<SearchDoc> h : r.hits().hits()) {
            SearchDoc d = h.source();
            List<String> hl = h.highlight().get("title");
            items.add(new SearchHit(d.type(), d.id(), d.title(), d.subtitle(), h.score() == null ? 0 : h.score(),
                    hl == null || hl.isEmpty() ? null : hl.getFirst(), d.parentId()));
        }
        long total = r.hits().total() == null ? items.size() : r.hits().total().value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("totalItems", total);
        body.put("totalPages", total == 0 ? 0 : (total + page.size() - 1) / page.size());
        if (facets) {
            Map<String, Long> byType = new LinkedHashMap<>();
            for (StringTermsBucket b : r.aggregations().get("type").sterms().buckets().array()) {
                byType.put(b.key().stringValue(), b.docCount());
            }
            Map<String, Long> byCategory = new LinkedHashMap<>();
            for (StringTermsBucket b : r.aggregations().get("category").sterms().buckets().array()) {
                byCategory.put(b.key().stringValue(), b.docCount());
            }
            body.put("facets", Map.of("type", byType, "category", byCategory));
        }
        return body;
    }
}
