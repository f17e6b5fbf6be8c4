package uz.hisob.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL notification channel on which the command side says "events were committed" and the query side
 * listens, so that the read models hear of a command at once instead of at their next poll of the event store. A
 * notification carries nothing: it only wakes the reader, which reads the event table as it always does; a lost one
 * costs at most one poll interval, never an event.
 */
public final class AppendChannel {

    public static final String NAME = "hisob_events";

    private AppendChannel() {
    }

    /**
     * A connection of its own, outside the pool (a listener holds it for as long as it runs), with the pool's
     * settings: the same time-outs and keep-alive.
     */
    public static Connection connect(HikariDataSource pool) throws SQLException {
        Properties props = new Properties();
        props.putAll(pool.getDataSourceProperties());
        props.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) {
            props.setProperty("password", pool.getPassword());
        }
        props.setProperty("ApplicationName", pool.getPoolName() + "-" + NAME);
        return DriverManager.getConnection(pool.getJdbcUrl(), props);
    }
}
