package uz.hisob.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** The connection pools of both services, made one way (further Hikari settings bind under {@code …hikari.*}). */
public final class Pools {

    private Pools() {
    }

    public static HikariDataSource hikari(String name, String url, String username, String password, boolean readOnly) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(url);
        ds.setUsername(username);
        ds.setPassword(password);
        ds.setReadOnly(readOnly);
        return ds;
    }
}
