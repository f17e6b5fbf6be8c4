package uz.hisob.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * How to reach one of the stack's PostgreSQL databases over JDBC.
 *
 * @param name     {@code hisob_events} or {@code hisob_query}
 * @param url      its JDBC URL
 */
public record Database(String name, String url, String username, String password) {

    /** A new connection (autocommit on, as the driver opens it). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
