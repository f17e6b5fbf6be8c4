package uz.hisob.local;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the demo data is booked: through the command-service's public API as the demo users (password = username),
 * each request expected to succeed. Counts the commands it sent.
 */
final class DemoClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String commandUrl;
    private final Map<String, String> tokens = new HashMap<>();
    private int commands;

    DemoClient(String commandUrl) {
        this.commandUrl = commandUrl;
    }

    int commands() {
        return commands;
    }

    /** Whether a GET of the query-service answers 200 (the demo exists already). */
    boolean exists(String queryUrl, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(queryUrl + path)).header("Authorization", "Bearer " + token("admin")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    /** A GET of the query-service as {@code admin}: its body, or null when it is not 200. */
    String get(String queryUrl, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(queryUrl + path)).header("Authorization", "Bearer " + token("admin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : null;
    }

    String token(String user) throws IOException, InterruptedException {
        String cached = tokens.get(user);
        if (cached == null) {
            String body = send("POST", "/api/auth/token", null, Map.of("username", user, "password", user));
            cached = (String) JSON.readValue(body, Map.class).get("access_token");
            tokens.put(user, cached);
        }
        return cached;
    }

    void post(String user, String path, Map<String, ?> body) throws IOException, InterruptedException {
        send("POST", path, token(user), body);
        commands++;
    }

    /** A command whose answer the demo needs (an id, what an upload measured). */
    Map<?, ?> postFor(String user, String path, Map<String, ?> body) throws IOException, InterruptedException {
        Map<?, ?> answer = JSON.readValue(send("POST", path, token(user), body), Map.class);
        commands++;
        return answer;
    }

    /** An image upload ({@code multipart/form-data}, one part {@code file}). */
    Map<?, ?> upload(String user, String path, byte[] png) throws IOException, InterruptedException {
        String boundary = "hisob-demo-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token(user)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        commands++;
        return JSON.readValue(r.body(), Map.class);
    }

    void put(String user, String path, Map<String, ?> body) throws IOException, InterruptedException {
        send("PUT", path, token(user), body);
        commands++;
    }

    private String send(String method, String path, String token, Map<String, ?> body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(commandUrl + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
