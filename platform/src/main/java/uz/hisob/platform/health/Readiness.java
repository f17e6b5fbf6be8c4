package uz.hisob.platform.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readiness of a service's databases ({@code databases} in the readiness group), answered within 1 s whatever the
 * databases do (common.md): every JDBC pool is checked at once, off the event loop, and one that has not answered in
 * {@link #TIMEOUT} counts as down. Spring Boot's own {@code db} indicator waits as long as the pool does.
 */
@Component("databases")
public class Readiness implements ReactiveHealthIndicator {

    /** How long a dependency may take to prove it is up. */
    public static final Duration TIMEOUT = Duration.ofMillis(700);

    private final Map<String, DataSource> dataSources;

    public Readiness(Map<String, DataSource> dataSources) {
        this.dataSources = new TreeMap<>(dataSources);
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(dataSources.entrySet())
                .flatMap(e -> within(check(e.getValue())).map(h -> Map.entry(e.getKey(), h)))
                .collectList()
                .map(checks -> {
                    Health.Builder all = Health.up();
                    for (Map.Entry<String, Health> c : checks) {
                        all.withDetail(c.getKey(), c.getValue().getStatus().getCode());
                        if (!"UP".equals(c.getValue().getStatus().getCode())) {
                            all.down();
                        }
                    }
                    return all.build();
                });
    }

    private static Mono<Health> check(DataSource dataSource) {
        return Mono.fromCallable(() -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(1) ? Health.up().build() : Health.down().build();
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** {@code check}, or DOWN when it fails or takes longer than {@link #TIMEOUT}. */
    public static Mono<Health> within(Mono<Health> check) {
        return check.timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error",
                        e instanceof java.util.concurrent.TimeoutException ? "no answer within " + TIMEOUT.toMillis() + " ms"
                                : e.getClass().getSimpleName()).build()));
    }
}
