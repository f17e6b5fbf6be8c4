package uz.hisob.command.field;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.hisob.command.platform.AggregateCaches;

import javax.cache.CacheManager;

/**
 * An agent sees every visit of its working life as an event, a project is read by every visit: both are kept loaded
 * in strong bounded caches ({@code hisob.field.agent-cache-size}, {@code hisob.field.project-cache-size}) and
 * snapshotted after the command's commit ({@code hisob.field.snapshot-every} events).
 */
@Configuration(proxyBeanMethods = false)
public class FieldConfig {

    @Bean
    public SnapshotTriggerDefinition agentSnapshotTrigger(Snapshotter snapshotter, @Value("${hisob.field.snapshot-every:200}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean
    public SnapshotTriggerDefinition projectSnapshotTrigger(Snapshotter snapshotter, @Value("${hisob.field.snapshot-every:200}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(destroyMethod = "close")
    public CacheManager fieldCacheManager() {
        return AggregateCaches.manager("field");
    }

    @Bean
    public Cache agentCache(CacheManager fieldCacheManager, @Value("${hisob.field.agent-cache-size:5000}") long size) {
        return AggregateCaches.bounded(fieldCacheManager, "agents", size);
    }

    @Bean
    public Cache projectCache(CacheManager fieldCacheManager, @Value("${hisob.field.project-cache-size:500}") long size) {
        return AggregateCaches.bounded(fieldCacheManager, "projects", size);
    }
}
