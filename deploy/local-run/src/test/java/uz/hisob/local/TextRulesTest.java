package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * common.md "Text" for every string a client sends (issue #11.1): bodies at any depth, path segments, query
 * parameters and headers; and what Netty refuses before Spring sees it still answers problem+json.
 */
class TextRulesTest extends SystemTestSupport {

    static void refused(String json, String path, String field) {
        commands().post().uri(path).header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED").jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void noStringOfABodyMayCarryControlCharactersOrBrokenUnicode() {
        KitchenApi k = KitchenApi.create("text").ingredient("un", 0);
        refused("{\"name\":\"Nul\\u0000kitchen\"}", "/api/kitchens", "name");
        refused("{\"name\":\"Bell\\u0007\"}", "/api/kitchens", "name");
        refused("{\"name\":\"half \\ud800 a pair\"}", "/api/kitchens", "name");
        refused("{\"name\":\"C1 \\u0085 control\"}", "/api/kitchens", "name");
        refused("{\"name\":\"Non\",\"recipe\":[{\"ingredientId\":\"u\\u0000n\",\"gramsPerPortion\":1}]}", k.path("/meals"),
                "recipe[0].ingredientId");
        refused("{\"ingredientId\":\"un\",\"grams\":5,\"note\":\"" + "x".repeat(4001) + "\"}", k.path("/deliveries"), "note");
        refused("{\"username\":\"nul\\u0000\",\"password\":\"12345678\",\"roles\":[\"COOK\"]}", "/api/users", "username");
        refused("{\"username\":\"fine-user\",\"password\":\"12345678\",\"roles\":[\"CO\\u0000OK\"]}", "/api/users", "roles[0]");
        // tab, line feed and carriage return are text
        k.expect(k.call("manager", org.springframework.http.HttpMethod.POST, k.path("/deliveries"),
                Map.of("ingredientId", "un", "grams", 5, "note", "line one\r\nline\ttwo")), 201);
        // invalid UTF-8 bytes in a body are malformed JSON
        commands().post().uri("/api/kitchens").header("Authorization", bearer("admin")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        // and the read models took everything that was accepted
        assertThat(k.stock("un")).isEqualTo(5);
    }

    @Test
    void pathSegmentsQueryParametersAndHeadersObeyTheSameRules() {
        String token = bearer("admin");
        queries().get().uri(URI.create(system().queryUrl() + "/api/kitchens/k%00/stock")).header("Authorization", token).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("path");
        queries().get().uri(URI.create(system().queryUrl() + "/api/kitchens/k%FF/stock")).header("Authorization", token).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].message").isEqualTo("must be valid percent-encoded UTF-8");
        queries().get().uri(URI.create(system().queryUrl() + "/api/search?q=a%01b")).header("Authorization", token).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        queries().get().uri(URI.create(system().queryUrl() + "/api/search?q=" + "a".repeat(4001))).header("Authorization", token).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        commands().post().uri(URI.create(system().commandUrl() + "/api/kitchens/%E2%82/deliveries")).header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("ingredientId", "un", "grams", 1)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("path");
        // unauthenticated or not: refused before anything else looks at it
        queries().get().uri(URI.create(system().queryUrl() + "/api/kitchens?page=%00")).exchange().expectStatus().isBadRequest();
        // a well-formed Cyrillic or Uzbek query is text
        queries().get().uri("/api/search?q={q}", "oʻrik ёнғоқ").header("Authorization", token).exchange().expectStatus().isOk();
    }

    @Test
    void headersWithControlCharactersAreRefusedWithAProblem() throws IOException {
        for (String port : List.of(port(system().commandUrl()), port(system().queryUrl()))) {
            Raw answer = raw(port, "GET /api/kitchens HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0001b\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains("\"VALIDATION_FAILED\"");
            Raw del = raw(port, "GET /api/kitchens HTTP/1.1\r\nHost: x\r\nX-Note: a\u007Fb\r\nConnection: close\r\n\r\n");
            assertThat(del.status()).isEqualTo(400);
            assertThat(del.body()).contains("\"VALIDATION_FAILED\"");
        }
    }

    @Test
    void whatNettyRefusesStillAnswersProblemJson() throws IOException {
        for (String port : List.of(port(system().commandUrl()), port(system().queryUrl()))) {
            Raw longUri = raw(port, "GET /api/kitchens?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(longUri.status()).isEqualTo(HttpStatus.URI_TOO_LONG.value());
            assertThat(longUri.contentType()).isEqualTo("application/problem+json");
            assertThat(longUri.body()).contains("\"code\":\"URI_TOO_LONG\"");

            Raw bigHeaders = raw(port, "GET /api/kitchens HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
            assertThat(bigHeaders.status()).isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value());
            assertThat(bigHeaders.contentType()).isEqualTo("application/problem+json");
            assertThat(bigHeaders.body()).contains("\"code\":\"HEADERS_TOO_LARGE\"");

            Raw badUri = raw(port, "GET /api/kit|chens%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(badUri.status()).isEqualTo(400);
            assertThat(badUri.contentType()).isEqualTo("application/problem+json");
            assertThat(badUri.body()).contains("\"code\":\"VALIDATION_FAILED\"");
        }
    }

    static String port(String url) {
        return Integer.toString(URI.create(url).getPort());
    }

    record Raw(int status, String contentType, String body) {
    }

    /** Sends bytes no well-behaved client library would send, and reads the whole answer. */
    static Raw raw(String port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    all.write(buffer, 0, n);
                    if (complete(all.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // the server may close right after its answer while we are still sending
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer in: %s", text).isPositive();
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.split(" ")[1]);
            String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).map(l -> l.substring(13).trim())
                    .findFirst().orElse(null);
            return new Raw(status, type, text.substring(end + 4));
        }
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String length = text.substring(0, end).lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> l.substring(15).trim()).findFirst().orElse(null);
        return length != null && text.length() - end - 4 >= Integer.parseInt(length);
    }
}
