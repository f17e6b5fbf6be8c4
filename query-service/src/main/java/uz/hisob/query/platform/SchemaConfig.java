package uz.hisob.query.platform;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The query side owns the query database's schema (read models, tokens); it never migrates the events database. */
@Configuration(proxyBeanMethods = false)
public class SchemaConfig {

    @Bean(initMethod = "migrate")
    public Flyway queryFlyway(@Qualifier("queryDataSource") DataSource queryDataSource) {
        return Flyway.configure().dataSource(queryDataSource).locations("classpath:db/query")
                .table("flyway_schema_history").load();
    }
}
