package uz.hisob.command.catalog;

import org.axonframework.common.caching.Cache;
import uz.hisob.command.platform.AggregateCaches;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.cache.CacheManager;

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
        return AggregateCaches.manager("catalogues");
    }

    @Bean
    public Cache catalogueCache(CacheManager catalogueCacheManager, @Value("${hisob.catalog.cache-size:200}") long size) {
        return AggregateCaches.bounded(catalogueCacheManager, "catalogues", size);
    }
}
