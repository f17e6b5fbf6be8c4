package uz.hisob.command.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.hisob.platform.jdbc.Pools;

import javax.sql.DataSource;

/**
 * The command side's one database: the event store, snapshots, users, refresh tokens and idempotency records.
 * The command side has no connection to the read models at all.
 */
@Configuration(proxyBeanMethods = false)
public class EventsDataSourceConfig {

    @Bean
    @Primary
    @ConfigurationProperties("hisob.events-db.hikari")
    public HikariDataSource eventsDataSource(@Value("${hisob.events-db.url}") String url,
                                             @Value("${hisob.events-db.username}") String username,
                                             @Value("${hisob.events-db.password:}") String password) {
        return Pools.hikari("events", url, username, password, false);
    }

    @Bean
    @Primary
    public PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    public JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    public TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
