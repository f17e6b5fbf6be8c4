package uz.hisob.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pools of both services, made one way (further Hikari settings bind under {@code …hikari.*}). When
 * the database is down a request must hear so quickly (common.md: 503 within 5 s), not after Hikari's default 30 s:
 * a connection is waited for at most {@link #CONNECTION_TIMEOUT_MS}, and the driver gives up connecting after 2 s.
 * Hikari checks a connection that sat idle before handing it out, so the first request after the database comes back
 * gets a fresh one rather than a dead one.
 */
public final class Pools {

    public static final long CONNECTION_TIMEOUT_MS = 2000;

    private Pools() {
    }

    public static HikariDataSource hikari(String name, String url, String username, String password, boolean readOnly) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(url);
        ds.setUsername(username);
        ds.setPassword(password);
        ds.setReadOnly(readOnly);
        ds.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        ds.setValidationTimeout(1000);
        ds.addDataSourceProperty("connectTimeout", "2");
        ds.addDataSourceProperty("loginTimeout", "2");
        return ds;
    }
}
