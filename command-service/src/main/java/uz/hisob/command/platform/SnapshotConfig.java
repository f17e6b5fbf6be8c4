package uz.hisob.command.platform;

import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots are taken on their own thread after the command's commit, in their own transaction: Axon's default
 * snapshotter ran them on the request thread inside the command's transaction, so every hundredth command of a
 * kitchen waited for a whole snapshot to be read, serialized and written. A snapshot that fails costs nothing but a
 * longer next load; Axon skips a snapshot of an aggregate while one is already being taken.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotConfig {

    /** One thread; snapshots queue (a bounded queue: under a flood the oldest requests are not worth keeping). */
    @Bean(destroyMethod = "shutdown")
    public ThreadPoolExecutor snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000),
                Thread.ofPlatform().name("snapshotter").daemon().factory(), new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    @Bean
    SpringAggregateSnapshotterFactoryBean aggregateSnapshotter(ThreadPoolExecutor snapshotExecutor) {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(snapshotExecutor);
        return snapshotter;
    }
}
