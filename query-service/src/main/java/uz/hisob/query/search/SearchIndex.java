package uz.hisob.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
                create(name(1), true);
            } else {
                // an index created before a field was added gets it (adding fields is all a mapping update may do)
                client.indices().putMapping(m -> m.index(ALIAS).properties(properties()));
            }
            ready = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops everything and starts an empty index (a replay from the first event follows). */
    public void recreate() {
        int generation = activeGeneration();
        for (String index : aliased()) {
            delete(index);
        }
        try {
            create(name(generation), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ready = true;
    }

    /** The physical index of a generation. */
    public static String name(int generation) {
        return ALIAS + "-v" + generation;
    }

    /** The generation behind the alias (1 when there is none yet). */
    public int activeGeneration() {
        return aliased().stream().map(SearchIndex::generationOf).max(Integer::compare).orElse(1);
    }

    /** An empty index for {@code generation}, not yet behind the alias; a leftover of that name is replaced. */
    public void prepare(int generation) {
        delete(name(generation));
        try {
            create(name(generation), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the alias to {@code generation}'s index in one atomic alias update. */
    public void switchTo(int generation) {
        List<String> old = aliased();
        try {
            // searchable before it answers: a shard that was never searched may otherwise wait for its first refresh
            client.indices().refresh(r -> r.index(name(generation)));
            client.indices().updateAliases(u -> {
                for (String index : old) {
                    u.actions(a -> a.remove(r -> r.index(index).alias(ALIAS)));
                }
                return u.actions(a -> a.add(ad -> ad.index(name(generation)).alias(ALIAS)));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ready = true;
        log.info("Search alias {} now on {}", ALIAS, name(generation));
    }

    /** Deletes every generation's index except the active one and {@code keep}. */
    public void dropAllExcept(Set<Integer> keep) {
        int active = activeGeneration();
        try {
            for (String index : client.indices().get(g -> g.index(ALIAS + "-v*").ignoreUnavailable(true).allowNoIndices(true)).indices().keySet()) {
                int g = generationOf(index);
                if (g != active && !keep.contains(g)) {
                    delete(index);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> aliased() {
        try {
            return List.copyOf(client.indices().getAlias(a -> a.name(ALIAS).ignoreUnavailable(true).allowNoIndices(true)).aliases().keySet());
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(String index) {
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int generationOf(String index) {
        try {
            return Integer.parseInt(index.substring(index.lastIndexOf("-v") + 2));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The fields of every document; fields are only ever added, so an older index takes them by a mapping update. */
    static Map<String, Property> properties() {
        return Map.ofEntries(
                Map.entry("tenant", Property.of(p -> p.keyword(k -> k))),
                Map.entry("type", Property.of(p -> p.keyword(k -> k))),
                Map.entry("id", Property.of(p -> p.keyword(k -> k))),
                Map.entry("parentId", Property.of(p -> p.keyword(k -> k))),
                Map.entry("title", Property.of(p -> p.text(t -> t.analyzer("standard")
                        .fields("sort", Property.of(f -> f.keyword(k -> k.ignoreAbove(256))))))),
                Map.entry("titleNorm", Property.of(p -> p.text(t -> t.analyzer("standard")))),
                Map.entry("subtitle", Property.of(p -> p.text(t -> t.analyzer("standard")))),
                Map.entry("keywords", Property.of(p -> p.keyword(k -> k))),
                Map.entry("categoryId", Property.of(p -> p.keyword(k -> k))),
                Map.entry("archived", Property.of(p -> p.boolean_(b -> b))),
                Map.entry("textNorm", Property.of(p -> p.text(t -> t.analyzer("standard")))));
    }

    private void create(String index, boolean aliased) throws IOException {
        Map<String, Property> props = properties();
        client.indices().create(c -> c.index(index)
                .settings(s -> s.numberOfShards("1").numberOfReplicas(replicas))
                .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict).properties(props))
                .aliases(aliased ? Map.of(ALIAS, co.elastic.clients.elasticsearch.indices.Alias.of(a -> a)) : Map.of()));
        log.info("Created search index {}{}", index, aliased ? " behind alias " + ALIAS : "");
    }
}
