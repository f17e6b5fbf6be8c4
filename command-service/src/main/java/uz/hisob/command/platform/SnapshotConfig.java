package uz.hisob.command.platform;

import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Snapshots are taken on their own thread after the command's commit, in their own transaction: Axon's default
 * snapshotter ran them on the request thread inside the command's transaction, so every hundredth command of a
 * kitchen waited for a whole snapshot to be read, serialized and written. A snapshot that fails costs nothing but a
 * longer next load; Axon skips a snapshot of an aggregate while one is already being taken.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotConfig {

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("snapshotter").daemon().factory());
    }

    @Bean
    SpringAggregateSnapshotterFactoryBean aggregateSnapshotter(ExecutorService snapshotExecutor) {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(snapshotExecutor);
        return snapshotter;
    }
}
