package uz.hisob.command.kitchen;

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
 * A kitchen lives for years and every serving is an event: without help each command would reload its whole
 * history. The cache keeps up to {@code hisob.kitchen.cache-size} loaded kitchens in memory, strongly (a weak cache
 * was emptied by every young collection, so a busy kitchen was reloaded again and again), least recently used out
 * first; a snapshot every {@code hisob.kitchen.snapshot-every} events bounds what a cold load reads. Snapshots are
 * taken by the platform's snapshotter after the command's commit, off the request thread.
 */
@Configuration(proxyBeanMethods = false)
public class KitchenConfig {

    @Bean
    public SnapshotTriggerDefinition kitchenSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${hisob.kitchen.snapshot-every:500}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(destroyMethod = "close")
    public CacheManager kitchenCacheManager() {
        return AggregateCaches.manager("kitchens");
    }

    @Bean
    public Cache kitchenCache(CacheManager kitchenCacheManager, @Value("${hisob.kitchen.cache-size:1000}") long size) {
        return AggregateCaches.bounded(kitchenCacheManager, "kitchens", size);
    }
}
