package uz.hisob.query.platform;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientOptions;
import co.elastic.clients.transport.rest5_client.low_level.RequestOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Elasticsearch client settings and health. The 9.x Java client speaks to 8.x servers only with the compatibility
 * media type on every request (9.x servers accept it too). Search being down must not take the service out of
 * rotation: its health shows {@code DEGRADED} in the details while the aggregate stays {@code UP}
 * (see {@code management.endpoint.health.status.order}), and only search answers 503.
 */
@Configuration(proxyBeanMethods = false)
public class SearchInfraConfig {

    static final String COMPAT_8 = "application/vnd.elasticsearch+json; compatible-with=8";

    @Bean
    public Rest5ClientOptions rest5ClientOptions() {
        RequestOptions options = RequestOptions.DEFAULT.toBuilder()
                .addHeader("Accept", COMPAT_8)
                .addHeader("Content-Type", COMPAT_8)
                .build();
        return new Rest5ClientOptions(options, false);
    }

    @Bean
    public HealthIndicator search(ElasticsearchClient client) {
        return () -> {
            try {
                var health = client.cluster().health();
                return Health.up().withDetail("cluster", health.clusterName())
                        .withDetail("status", health.status().jsonValue()).build();
            } catch (Exception e) {
                return Health.status("DEGRADED").withDetail("elasticsearch", "unreachable: search answers 503").build();
            }
        };
    }
}
