package uz.hisob.query.platform;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.r2dbc.health.ConnectionFactoryHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uz.hisob.platform.health.Readiness;

/** The reactive read pool's part of readiness ({@code readPool}): a validated connection, or DOWN within 1 s. */
@Component("readPool")
public class R2dbcReadiness implements ReactiveHealthIndicator {

    private final ConnectionFactoryHealthIndicator delegate;

    public R2dbcReadiness(ConnectionFactory connections) {
        this.delegate = new ConnectionFactoryHealthIndicator(connections);
    }

    @Override
    public Mono<Health> health() {
        return Readiness.within(delegate.health());
    }
}
