package uz.hisob.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The search index: a versioned physical index behind the alias {@code hisob-search}. Only core Elasticsearch
 * features are used (standard analyzer, keyword fields), so the same code runs on the local integ-test node and on a
 * production cluster.
 */
@Component
public class SearchIndex {

    public static final String ALIAS = "hisob-search";
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    private final ElasticsearchClient client;
    private final String replicas;
    private volatile boolean ready;

    public SearchIndex(ElasticsearchClient client, @Value("${hisob.search.replicas:0}") int replicas) {
        this.client = client;
        this.replicas = Integer.toString(replicas);
    }

    /** Makes sure the alias points at an index; cheap once it does. Called before the first write. */
    public void ensure() {
        if (ready) {
            return;
        }
        try {
            if (!client.indices().existsAlias(a -> a.name(ALIAS)).value()) {
                create(ALIAS + "-v1");
            }
            ready = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops everything and starts an empty index (a replay from the first event follows). */
    public void recreate() {
        try {
            var existing = client.indices().getAlias(a -> a.name(ALIAS).ignoreUnavailable(true).allowNoIndices(true));
            for (String index : existing.aliases().keySet()) {
                client.indices().delete(d -> d.index(index));
            }
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ready = false;
        ensure();
    }

    private void create(String index) throws IOException {
        Map<String, Property> props = Map.of(
                "tenant", Property.of(p -> p.keyword(k -> k)),
                "type", Property.of(p -> p.keyword(k -> k)),
                "id", Property.of(p -> p.keyword(k -> k)),
                "parentId", Property.of(p -> p.keyword(k -> k)),
                "title", Property.of(p -> p.text(t -> t.analyzer("standard")
                        .fields("sort", Property.of(f -> f.keyword(k -> k.ignoreAbove(256)))))),
                "titleNorm", Property.of(p -> p.text(t -> t.analyzer("standard"))),
                "subtitle", Property.of(p -> p.text(t -> t.analyzer("standard"))));
        client.indices().create(c -> c.index(index)
                .settings(s -> s.numberOfShards("1").numberOfReplicas(replicas))
                .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict).properties(props))
                .aliases(ALIAS, a -> a));
        log.info("Created search index {} behind alias {}", index, ALIAS);
    }
}
