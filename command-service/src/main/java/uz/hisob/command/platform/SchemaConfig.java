package uz.hisob.command.platform;

import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The command side owns the events database's schema (event store, users, idempotency). */
@Configuration(proxyBeanMethods = false)
public class SchemaConfig {

    @Bean(initMethod = "migrate")
    public Flyway eventsFlyway(DataSource eventsDataSource) {
        return Flyway.configure().dataSource(eventsDataSource).locations("classpath:db/events")
                .table("flyway_schema_history").load();
    }
}
