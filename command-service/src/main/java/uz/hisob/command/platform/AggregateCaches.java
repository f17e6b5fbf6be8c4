package uz.hisob.command.platform;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;

import javax.cache.CacheManager;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The cache an aggregate type is loaded from: Caffeine behind Axon's JCache adapter, holding up to a bounded number
 * of aggregates strongly (a weak cache was emptied by every young collection, so a busy aggregate was reloaded again
 * and again), least recently used out first, the aggregate itself and never a serialized copy, and noting cache hits
 * for the sender's second look at a refusal ({@link CacheHits}). Each context declares its cache beans with these.
 */
public final class AggregateCaches {

    private AggregateCaches() {
    }

    /** A cache manager of its own: two command-services in one JVM (tests) keep apart caches. */
    public static CacheManager manager(String name) {
        return new CaffeineCachingProvider().getCacheManager(URI.create("hisob:" + name + ":" + UUID.randomUUID()),
                AggregateCaches.class.getClassLoader());
    }

    public static Cache bounded(CacheManager manager, String name, long size) {
        CaffeineConfiguration<Object, Object> config = new CaffeineConfiguration<>();
        config.setMaximumSize(OptionalLong.of(size));
        config.setStoreByValue(false);
        return new CacheHits(new JCacheAdapter(manager.createCache(name, config)));
    }
}
