package uz.hisob.command.inventory;



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
 * A shop's location sees every sale as an event for years, as a kitchen sees every serving: the same strong bounded
 * cache of loaded locations ({@code hisob.inventory.cache-size}) and a snapshot every
 * {@code hisob.inventory.snapshot-every} events, taken after the command's commit.
 */
@Configuration(proxyBeanMethods = false)
public class InventoryConfig {

    @Bean
    public SnapshotTriggerDefinition stockLocationSnapshotTrigger(Snapshotter snapshotter,
                                                                  @Value("${hisob.inventory.snapshot-every:500}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(destroyMethod = "close")
    public CacheManager stockLocationCacheManager() {
        return AggregateCaches.manager("stock-locations");
    }

    @Bean
    public Cache stockLocationCache(CacheManager stockLocationCacheManager, @Value("${hisob.inventory.cache-size:1000}") long size) {
        return AggregateCaches.bounded(stockLocationCacheManager, "stock-locations", size);
    }
}
