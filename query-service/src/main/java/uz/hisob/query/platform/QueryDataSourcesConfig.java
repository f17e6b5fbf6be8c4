package uz.hisob.query.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import uz.hisob.platform.jdbc.Pools;

import javax.sql.DataSource;

/**
 * The query side's two databases. The query database (primary) holds the read models and the tracking tokens and
 * is written by projections through JDBC, in one transaction with their token, and read by the endpoints through
 * R2DBC. The events database is only read: by the processors, the ledger and report replays.
 */
@Configuration(proxyBeanMethods = false)
public class QueryDataSourcesConfig {

    @Bean
    @Primary
    @ConfigurationProperties("hisob.query-db.hikari")
    public HikariDataSource queryDataSource(@Value("${hisob.query-db.url}") String url,
                                            @Value("${hisob.query-db.username}") String username,
                                            @Value("${hisob.query-db.password:}") String password) {
        return Pools.hikari("query", url, username, password, false);
    }

    @Bean
    @ConfigurationProperties("hisob.events-db.hikari")
    public HikariDataSource eventsDataSource(@Value("${hisob.events-db.url}") String url,
                                             @Value("${hisob.events-db.username}") String username,
                                             @Value("${hisob.events-db.password:}") String password) {
        return Pools.hikari("events-read", url, username, password, true);
    }

    @Bean
    @Primary
    public PlatformTransactionManager transactionManager(DataSource queryDataSource) {
        return new DataSourceTransactionManager(queryDataSource);
    }

    @Bean
    @Primary
    public JdbcTemplate jdbcTemplate(DataSource queryDataSource) {
        return new JdbcTemplate(queryDataSource);
    }

    @Bean
    public JdbcTemplate eventsJdbcTemplate(@Qualifier("eventsDataSource") DataSource eventsDataSource) {
        return new JdbcTemplate(eventsDataSource);
    }
}
