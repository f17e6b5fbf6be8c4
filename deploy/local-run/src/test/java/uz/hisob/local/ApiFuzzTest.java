package uz.hisob.local;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzzer over both services' OpenAPI descriptions (issue #11, acceptance): for every operation, requests with
 * malformed, mistyped, extreme and hostile values in the body, the path, the query string and the headers, sent as
 * every kind of caller. No answer may be a 5xx, no refusal may come without a problem+json body, and afterwards no
 * projection may be stuck or have parked an event. Seeded, so a failure repeats.
 */
class ApiFuzzTest extends SystemTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] USERS = {"admin", "manager", "cook", "auditor", "operator", "other-admin", null};

    /** Raw (already percent-encoded or deliberately broken) values for path segments and query parameters. */
    static final List<String> HOSTILE_RAW = List.of("", "%00", "a%00b", "%FF", "%C3%28", "%E2%82", "%zz", "%", "..%2F..%2Fetc",
            "%F0%9F%98%80", "-1", "0", "99999999999999999999999", "1e309", "NaN", "true", "%20", "x".repeat(300),
            "%27%3B%20DROP%20TABLE%20kitchen%3B--", "%3Cscript%3E", "2026-13-45", "2026-02-30T25:61:00Z", "%0D%0AX-Injected:%201",
            "a%7Fb", "%C2%85", "%ED%A0%80", "null", "%5B%5D", "demo:quyosh", "QUYOSH", "quyosh%2Fstock");

    final Random random = new Random(20261201);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Integer> statuses = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    int sent;

    KitchenApi fixture;
    String deliveryId;

    @Test
    void noHostileRequestGetsA5xxOrAnErrorWithoutAProblemOrStopsAProjection() throws Exception {
        fixture = KitchenApi.create("fuzz").ingredient("un", 10).deliver("un", 100_000).meal("non", "un", 100);
        deliveryId = (String) fixture.expect(fixture.call("manager", org.springframework.http.HttpMethod.POST, fixture.path("/deliveries"),
                Map.of("ingredientId", "un", "grams", 5)), 201).get("id");
        long lettersBefore = deadLetters();

        for (String base : List.of(system().commandUrl(), system().queryUrl())) {
            JsonNode api = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
                for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        continue;
                    }
                    fuzz(base, api, path.getKey(), method, op.getValue());
                }
            }
            fuzzProtocol(base);
        }

        assertThat(failures).as("answers that break the contract (%d requests sent)", sent).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(1000);
        // nothing got stuck: a fresh write is read back through both projections, and nothing was parked
        KitchenApi after = KitchenApi.create("fuzz-after").ingredient("un", 0).deliver("un", 42);
        assertThat(after.stock("un")).isEqualTo(42);
        queries().get().uri("/api/search?q={q}&minPosition={p}", after.kitchen, after.position).header("Authorization", bearer("admin"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.totalItems").isEqualTo(1);
        assertThat(deadLetters()).as("dead letters after the fuzzing").isEqualTo(lettersBefore);
        System.out.println("ApiFuzzTest: " + sent + " requests, statuses " + statuses);
    }

    long deadLetters() {
        Map<?, ?> page = queries().get().uri("/api/admin/dead-letters?size=1").header("Authorization", bearer("operator"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) page.get("totalItems")).longValue();
    }

    // ------------------------------------------------------------------------------------------------ one operation

    void fuzz(String base, JsonNode api, String template, String method, JsonNode op) throws Exception {
        List<JsonNode> params = new ArrayList<>();
        if (op.has("parameters")) {
            op.get("parameters").forEach(params::add);
        }
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (JsonNode p : params) {
            if ("path".equals(p.path("in").asString())) {
                pathValues.put(p.get("name").asString(), validPathValue(p.get("name").asString()));
            }
        }
        JsonNode bodySchema = op.path("requestBody").path("content").path("application/json").path("schema");
        // a body that is no object (a provider's webhook takes raw bytes) is fuzzed as no body, and by the protocol checks
        ObjectNode valid = bodySchema.isMissingNode() || !(example(api, bodySchema, 0) instanceof ObjectNode o) ? null : o;

        // 1. as every caller, the plain request
        for (String user : USERS) {
            send(base, method, fill(template, pathValues, null), valid == null ? null : valid.toString(), user, Map.of());
        }
        // 2. each path parameter hostile
        for (String name : pathValues.keySet()) {
            for (String hostile : HOSTILE_RAW) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, hostile);
                send(base, method, fill(template, values, null), valid == null ? null : valid.toString(), pick(), Map.of());
            }
        }
        // 3. each query parameter hostile (and unknown ones, and the common ones of the contract)
        List<String> queryNames = new ArrayList<>(List.of("page", "size", "minPosition"));
        for (JsonNode p : params) {
            if ("query".equals(p.path("in").asString())) {
                queryNames.add(p.get("name").asString());
            }
        }
        for (String name : queryNames) {
            for (int i = 0; i < 8; i++) {
                String hostile = HOSTILE_RAW.get(random.nextInt(HOSTILE_RAW.size()));
                send(base, method, fill(template, pathValues, name + "=" + hostile), valid == null ? null : valid.toString(), "admin", Map.of());
            }
        }
        // 4. the body: every property mistyped, extreme, hostile, missing; and bodies that are not what they claim
        if (valid != null) {
            for (String field : fieldNames(valid)) {
                for (JsonNode bad : hostileValues()) {
                    ObjectNode body = valid.deepCopy();
                    body.set(field, bad);
                    send(base, method, fill(template, pathValues, null), body.toString(), "admin", Map.of());
                }
                ObjectNode without = valid.deepCopy();
                without.remove(field);
                send(base, method, fill(template, pathValues, null), without.toString(), "admin", Map.of());
            }
            for (String raw : List.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "{}{}", "{\"id\":\"x\"}garbage", "[".repeat(5000),
                    "{\"name\":\"" + "\\u0000".repeat(10) + "\"}", "{\"grams\":1" + "0".repeat(400) + "}")) {
                send(base, method, fill(template, pathValues, null), raw, "admin", Map.of());
            }
            send(base, method, fill(template, pathValues, null), valid.toString(), "admin", Map.of("Content-Type", "text/plain"));
            send(base, method, fill(template, pathValues, null), valid.toString(), "admin", Map.of("Content-Type", "application/xml"));
        }
        // 5. hostile headers
        for (String key : List.of("", "x".repeat(129), "ключ", "tab\tkey", "a b c")) {
            send(base, method, fill(template, pathValues, null), valid == null ? null : valid.toString(), "admin", Map.of("Idempotency-Key", key));
        }
        send(base, method, fill(template, pathValues, null), null, null, Map.of("Authorization", "Bearer " + "x".repeat(3000)));
        send(base, method, fill(template, pathValues, null), null, null, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        send(base, method, fill(template, pathValues, null), null, "admin", Map.of("Accept", "application/xml"));
    }

    /** Requests no client library would send, through a raw socket: broken escapes, control bytes, huge lines. */
    void fuzzProtocol(String base) throws IOException {
        String port = TextRulesTest.port(base);
        List<String> requests = List.of(
                "GET /api/kitchens/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/kitchens/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/kit chens HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/kitchens?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/kitchens HTTP/1.1\r\nHost: x\r\nX-A: " + "b".repeat(30_000) + "\r\nConnection: close\r\n\r\n",
                "GET /api/kitchens HTTP/1.1\r\nHost: x\r\nX-A: \u0000\r\nConnection: close\r\n\r\n",
                "POST /api/kitchens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n{}",
                "POST /api/kitchens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
                "GET /api/kitchens HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
                "BREW /api/kitchens HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        for (String request : requests) {
            sent++;
            TextRulesTest.Raw answer = TextRulesTest.raw(port, request);
            record(answer.status());
            if (answer.status() >= 500 || (answer.status() >= 400 && !"application/problem+json".equals(answer.contentType()))) {
                failures.add("raw " + request.lines().findFirst().orElse("").substring(0, Math.min(80, request.length())) + " on " + base
                        + " -> " + answer.status() + " " + answer.contentType() + " " + answer.body());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ values

    String validPathValue(String name) {
        return switch (name) {
            case "kitchenId", "k" -> fixture.kitchen;
            case "ingredientId" -> "un";
            case "mealId" -> "non";
            case "deliveryId" -> deliveryId;
            case "month" -> LocalDate.now().minusMonths(1).toString().substring(0, 7);
            case "version" -> "1";
            case "name" -> "kitchen";
            default -> "fuzz-" + random.nextInt(1000);
        };
    }

    static String fill(String template, Map<String, String> values, String query) {
        String path = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        return query == null ? path : path + "?" + query;
    }

    String pick() {
        return USERS[random.nextInt(USERS.length)];
    }

    List<JsonNode> hostileValues() {
        ArrayNode nested = NODES.arrayNode();
        ArrayNode deep = nested;
        for (int i = 0; i < 200; i++) {
            deep = deep.addArray();
        }
        return List.of(NODES.nullNode(), NODES.stringNode(""), NODES.stringNode("Nul\u0000"), NODES.stringNode("\ud800"),
                NODES.stringNode("x".repeat(5000)), NODES.stringNode("'; DROP TABLE kitchen; --"), NODES.stringNode("-1"),
                NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
                NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")), NODES.numberNode(1.5),
                NODES.numberNode(1e308), NODES.booleanNode(true), NODES.arrayNode().add(1).add("x"), NODES.objectNode().put("a", 1),
                nested, NODES.stringNode("2026-02-30"), NODES.stringNode("9999-12-31T23:59:59Z"), NODES.stringNode("UTC+99"));
    }

    static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A plausible value of a schema: what a client would send, the base the mutations start from. */
    JsonNode example(JsonNode api, JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return example(api, api.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1)), depth);
        }
        String type = schema.path("type").asString("object");
        String format = schema.path("format").asString("");
        return switch (type) {
            case "string" -> switch (format) {
                case "date" -> NODES.stringNode(LocalDate.now().minusDays(1).toString());
                case "date-time" -> NODES.stringNode(java.time.Instant.now().minusSeconds(60).toString());
                default -> NODES.stringNode("fuzz-" + random.nextInt(100_000));
            };
            case "integer" -> NODES.numberNode(1 + random.nextInt(5));
            case "number" -> NODES.numberNode(10);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> depth > 3 ? NODES.arrayNode() : NODES.arrayNode().add(example(api, schema.path("items"), depth + 1));
            default -> {
                ObjectNode o = NODES.objectNode();
                if (depth <= 3 && schema.has("properties")) {
                    for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                        o.set(p.getKey(), known(p.getKey()) != null ? known(p.getKey()) : example(api, p.getValue(), depth + 1));
                    }
                }
                yield o;
            }
        };
    }

    /** Fields whose plausible value is one the fixture knows. */
    JsonNode known(String field) {
        return switch (field) {
            case "ingredientId" -> NODES.stringNode("un");
            case "mealId" -> NODES.stringNode("non");
            case "timezone" -> NODES.stringNode("Asia/Tashkent");
            case "username" -> NODES.stringNode("fuzz" + random.nextInt(1_000_000));
            case "password" -> NODES.stringNode("long-enough-password");
            case "roles" -> NODES.arrayNode().add("COOK");
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------------ sending

    /**
     * One request on its own connection, written byte for byte (no client library second-guesses a hostile header or
     * path), read up to the end of its headers and, for a refusal, its body. A success may be a stream that never ends
     * (server-sent events, exports): its body is not judged here.
     */
    void send(String base, String method, String pathAndQuery, String body, String user, Map<String, String> headers) throws Exception {
        sent++;
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery.replace(" ", "%20")).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        if (user != null) {
            all.put("Authorization", bearer(user));
        }
        all.putAll(headers);
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        String what = method + " " + pathAndQuery + " as " + user + " " + headers;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(TextRulesTest.port(base)))) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.flush();
            } catch (java.net.SocketException closedEarly) {
                // the server answered (and closed) before taking the whole request: read what it said
            }
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            int headerEnd = -1;
            byte[] buffer = new byte[8192];
            try {
                while (headerEnd < 0) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    got.write(buffer, 0, n);
                    headerEnd = got.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                }
                if (headerEnd < 0) {
                    failures.add(what + " -> the connection closed without an answer");
                    return;
                }
                String headText = got.toString(StandardCharsets.ISO_8859_1).substring(0, headerEnd);
                int status = Integer.parseInt(headText.split(" ")[1]);
                String type = header(headText, "content-type");
                String answer = "";
                if (status >= 400) {
                    String length = header(headText, "content-length");
                    long want = length == null ? 64 * 1024 : Long.parseLong(length);
                    while (got.size() - headerEnd - 4 < want) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            break;
                        }
                        got.write(buffer, 0, n);
                    }
                    answer = new String(got.toByteArray(), headerEnd + 4, got.size() - headerEnd - 4, StandardCharsets.UTF_8);
                }
                check(what, status, type, answer, body);
            } catch (java.net.SocketTimeoutException hang) {
                failures.add(what + " -> no answer within 10 s");
            }
        }
    }

    static String header(String head, String name) {
        return head.lines().filter(l -> l.toLowerCase().startsWith(name + ":")).map(l -> l.substring(name.length() + 1).trim())
                .findFirst().orElse(null);
    }

    void check(String what, int status, String contentType, String responseBody, String requestBody) {
        record(status);
        String shortBody = requestBody == null ? "" : " body " + requestBody.substring(0, Math.min(120, requestBody.length()));
        if (status >= 500) {
            failures.add(what + shortBody + " -> " + status + " " + responseBody);
        } else if (status >= 400) {
            if (contentType == null || !contentType.startsWith("application/problem+json") || !responseBody.contains("\"code\"")) {
                failures.add(what + shortBody + " -> " + status + " without a problem: " + contentType + " " + responseBody);
            } else if (responseBody.contains("Exception") || responseBody.contains("SQL") || responseBody.contains("uz.hisob")) {
                failures.add(what + shortBody + " -> " + status + " leaks internals: " + responseBody);
            }
        }
    }

    void record(int status) {
        statuses.merge(Integer.toString(status), 1, Integer::sum);
    }
}
