package uz.hisob.command.inventory;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import uz.hisob.command.inventory.transfer.TransferArrivals;

import java.util.concurrent.Executors;

import org.axonframework.common.caching.Cache;
import uz.hisob.command.platform.AggregateCaches;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import javax.cache.CacheManager;

/**
 * A shop's location sees every sale as an event for years, as a kitchen sees every serving: the same strong bounded
 * cache of loaded locations ({@code hisob.inventory.cache-size}) and a snapshot every
 * {@code hisob.inventory.snapshot-every} events, taken after the command's commit.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class InventoryConfig {

    /**
     * The transfers' process ({@link TransferArrivals}) in a pooled processor of its own: one segment, one worker
     * thread, failures retried (never logged and skipped). On its first start it begins at the head of the store:
     * every earlier receipt's arrival was booked by its endpoint, and the store's whole history is not read again.
     */
    @Autowired
    public void transferProcess(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(TransferArrivals.GROUP, c -> PropagatingErrorHandler.instance());
        processing.registerPooledStreamingEventProcessor(TransferArrivals.GROUP, Configuration::eventStore,
                (c, builder) -> builder.initialSegmentCount(1)
                        .initialToken(StreamableMessageSource::createHeadToken)
                        .batchSize(10)
                        .coordinatorExecutor(name -> Executors.newSingleThreadScheduledExecutor(daemon(name)))
                        .workerExecutor(name -> Executors.newSingleThreadScheduledExecutor(daemon(name))));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

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
