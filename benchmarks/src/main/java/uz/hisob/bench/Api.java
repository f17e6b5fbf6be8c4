package uz.hisob.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The authenticated HTTP client helper: one user's bearer token (logged in again before it expires), requests to
 * the command-service and the query-service, JSON in and out.
 *
 * <p>Closed-loop workers each use their own {@link HttpClient} ({@link #newClient()}: HTTP/1.1, one kept-alive
 * connection per worker, as a simple client would do); the token is shared.
 */
public final class Api {

    /** JSON for bodies and answers. */
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RELOGIN_AFTER = Duration.ofMinutes(10); // tokens live 15 minutes (contract)
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** An HTTP answer. */
    public record Response(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final String commandUrl;
    private final String queryUrl;
    private final String username;
    private final String password;
    private final HttpClient own = newClient();
    private volatile String token;
    private volatile long tokenAt;
    private volatile String tenant;

    public Api(String commandUrl, String queryUrl, String username, String password) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.username = username;
        this.password = password;
    }

    /** A new client for one worker: HTTP/1.1, connection kept alive between requests. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String commandUrl() {
        return commandUrl;
    }

    public String queryUrl() {
        return queryUrl;
    }

    /** The current access token, logging in again when it is older than ten minutes. */
    public String token() {
        String t = token;
        if (t == null || System.nanoTime() - tokenAt > RELOGIN_AFTER.toNanos()) {
            synchronized (this) {
                if (token == null || System.nanoTime() - tokenAt > RELOGIN_AFTER.toNanos()) {
                    login();
                }
                t = token;
            }
        }
        return t;
    }

    /** The caller's tenant, from the token's {@code tenant} claim. */
    public String tenant() {
        token();
        return tenant;
    }

    private void login() {
        try {
            Response r = send(own, HttpRequest.newBuilder(URI.create(commandUrl + "/api/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password)))));
            if (r.status() != 200) {
                throw new IllegalStateException("Login as " + username + " answered " + r.status() + ": " + r.body());
            }
            String access = r.json().get("access_token").asString();
            String claims = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8);
            tenant = JSON.readTree(claims).get("tenant").asString();
            token = access;
            tokenAt = System.nanoTime();
        } catch (IOException e) {
            throw new IllegalStateException("Login as " + username + " failed", e);
        }
    }

    /**
     * A closed-loop worker that sends one prepared request per call on its own kept-alive connection ({@link RawHttp})
     * and expects {@code expected}; the request is prepared again when the token is renewed. {@code body} null: no
     * body; {@code authenticated} false: no token (the HTTP floor's 401).
     */
    public ClosedLoop.Worker prepared(boolean commandService, String method, String pathAndQuery, Object body, int expected,
                                      boolean authenticated) {
        RawHttp http = new RawHttp(commandService ? commandUrl : queryUrl);
        byte[] bytes = body == null ? null : (body instanceof String s ? s : JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
        return new ClosedLoop.Worker() {
            private String preparedFor;
            private byte[] request;

            @Override
            public boolean call() throws IOException {
                String t = authenticated ? token() : null;
                if (request == null || t != preparedFor) {
                    request = http.prepare(method, pathAndQuery, t, "application/json", bytes);
                    preparedFor = t;
                }
                int status = http.send(request);
                if (status != expected) {
                    throw new IOException(method + " " + pathAndQuery + " answered " + status + ": " + http.body());
                }
                return true;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /** {@code POST} a JSON body to the command-service. */
    public Response post(HttpClient client, String path, Object body) throws IOException {
        return send(client, HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** {@code POST} a JSON body to the query-service (its few POSTs: report recomputation, projection admin). */
    public Response postQuery(HttpClient client, String path, Object body) throws IOException {
        return send(client, HttpRequest.newBuilder(URI.create(queryUrl + path))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** {@code GET} from the query-service ({@code pathAndQuery} starts with {@code /}). */
    public Response get(HttpClient client, String pathAndQuery) throws IOException {
        return send(client, HttpRequest.newBuilder(URI.create(queryUrl + pathAndQuery)).header("Authorization", "Bearer " + token()).GET());
    }

    /** As {@link #post(HttpClient, String, Object)} with this helper's own client; anything but 2xx throws. */
    public JsonNode command(String path, Object body) throws IOException {
        return command(own, path, body);
    }

    /** As {@link #post(HttpClient, String, Object)}; anything but 2xx throws. */
    public JsonNode command(HttpClient client, String path, Object body) throws IOException {
        Response r = post(client, path, body);
        if (!r.ok()) {
            throw new IOException("POST " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** As {@link #get(HttpClient, String)} with this helper's own client; anything but 2xx throws. */
    public JsonNode query(String pathAndQuery) throws IOException {
        Response r = get(own, pathAndQuery);
        if (!r.ok()) {
            throw new IOException("GET " + pathAndQuery + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** Waits until the query-service's kitchen read model has applied {@code position}. */
    public void awaitProjected(String kitchenId, long position) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Response r = get(own, "/api/kitchens/" + kitchenId + "?minPosition=" + position);
            if (r.ok()) {
                return;
            }
            if (r.status() != 503 || System.nanoTime() > deadline) {
                throw new IOException("The read model did not reach position " + position + ": " + r.status() + " " + r.body());
            }
        }
    }

    private static Response send(HttpClient client, HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> r = client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
