package uz.hisob.command.kitchen;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A kitchen lives for years and every serving is an event: without help each command would reload its whole
 * history. The cache keeps loaded kitchens in memory (weakly, so memory pressure wins); a snapshot every
 * {@code hisob.kitchen.snapshot-every} events bounds what a cold load reads.
 */
@Configuration(proxyBeanMethods = false)
public class KitchenConfig {

    @Bean
    public SnapshotTriggerDefinition kitchenSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${hisob.kitchen.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean
    public Cache kitchenCache() {
        return new WeakReferenceCache();
    }
}
