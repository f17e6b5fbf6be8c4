package uz.hisob.localstack;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackTest {

    @Test
    void sharedStackServesBothDatabasesAndElasticsearch() throws Exception {
        LocalStack stack = LocalStack.shared();
        for (String db : new String[] {LocalStack.EVENTS_DB, LocalStack.QUERY_DB}) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(db), stack.username(), stack.password());
                 ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(170000);
            }
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(db), stack.username(), stack.password());
                 ResultSet rs = c.createStatement().executeQuery("SHOW synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"cluster_name\":\"hisob-local\"");
        assertThat(LocalStack.shared()).isSameAs(stack);
    }

    @Test
    void persistentStackKeepsDataAcrossRestarts() throws Exception {
        Path home = Files.createTempDirectory("hisob-persist-");
        try {
            try (LocalStack first = LocalStack.start(home, true, 0, 0, false);
                 Connection c = DriverManager.getConnection(first.jdbcUrl(LocalStack.EVENTS_DB), first.username(), first.password())) {
                c.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
            }
            try (LocalStack second = LocalStack.start(home, true, 0, 0, false);
                 Connection c = DriverManager.getConnection(second.jdbcUrl(LocalStack.EVENTS_DB), second.username(), second.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        } finally {
            Fs.deleteRecursively(home);
        }
    }
}
