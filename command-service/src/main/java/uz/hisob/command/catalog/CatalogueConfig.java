package uz.hisob.command.catalog;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.cache.CacheManager;
import java.util.OptionalLong;

/**
 * A tenant's catalogue is one aggregate that sees every catalogue change for years: loaded catalogues are kept in a
 * strong bounded cache ({@code hisob.catalog.cache-size} tenants) and snapshotted every
 * {@code hisob.catalog.snapshot-every} events, after the command's commit.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfig {

    @Bean
    public SnapshotTriggerDefinition catalogueSnapshotTrigger(Snapshotter snapshotter,
                                                              @Value("${hisob.catalog.snapshot-every:500}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(destroyMethod = "close")
    public CacheManager catalogueCacheManager() {
        return new CaffeineCachingProvider().getCacheManager(
                java.net.URI.create("hisob:catalogues:" + java.util.UUID.randomUUID()), CatalogueConfig.class.getClassLoader());
    }

    @Bean
    public Cache catalogueCache(CacheManager catalogueCacheManager, @Value("${hisob.catalog.cache-size:200}") long size) {
        CaffeineConfiguration<Object, Object> config = new CaffeineConfiguration<>();
        config.setMaximumSize(OptionalLong.of(size));
        config.setStoreByValue(false);
        return new uz.hisob.command.platform.CacheHits(new JCacheAdapter(catalogueCacheManager.createCache("catalogues", config)));
    }
}
