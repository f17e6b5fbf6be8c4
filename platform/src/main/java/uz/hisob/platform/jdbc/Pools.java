package uz.hisob.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pools of both services, made one way (further Hikari settings bind under {@code …hikari.*}). When
 * the database is down a request must hear so quickly (common.md: 503 within 5 s), not after Hikari's default 30 s:
 * a connection is waited for at most {@link #CONNECTION_TIMEOUT_MS}, and the driver gives up connecting after 2 s.
 * Hikari checks a connection that sat idle before handing it out, so the first request after the database comes back
 * gets a fresh one rather than a dead one. A database that stops answering without closing the connection (a network
 * that drops packets) would leave a statement waiting for TCP to give up, a quarter of an hour; the driver gives up
 * on a read after {@link #SOCKET_TIMEOUT_S} s instead (longer than any statement the services run: the longest, a
 * verification's range lookup or a rebuild batch, take seconds) and keep-alive probes find dead idle connections.
 */
public final class Pools {

    public static final long CONNECTION_TIMEOUT_MS = 2000;
    public static final int SOCKET_TIMEOUT_S = 120;

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
        ds.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
        ds.addDataSourceProperty("tcpKeepAlive", "true");
        return ds;
    }
}
