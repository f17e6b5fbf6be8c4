package uz.hisob.platform.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The text rules of common.md ({@link TextRules}) for everything of a request but its body: each path segment, each
 * query parameter's name and value, and each header, after percent-decoding as strict UTF-8 (a malformed escape or
 * byte sequence is refused, never replaced). 400 {@code VALIDATION_FAILED} names the parameter, the header or
 * {@code path}. Runs first, before security: nothing later sees a string that breaks the rules.
 */
@Component
public class TextRulesFilter implements WebFilter, Ordered {

    /** Path segments and query values are ids, dates, names and search words: never longer than a name or text. */
    static final int MAX_PARAMETER_LENGTH = TextRules.MAX_LENGTH;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiException refused = check(exchange);
        return refused == null ? chain.filter(exchange) : Mono.error(refused);
    }

    private static ApiException check(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (rawPath != null) {
            for (String segment : rawPath.split("/", -1)) {
                String problem = problem(segment, false);
                if (problem != null) {
                    return ApiException.invalid("path", problem);
                }
            }
        }
        String rawQuery = exchange.getRequest().getURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String nameProblem = problem(name, true);
                if (nameProblem != null) {
                    return ApiException.invalid("query", "has a parameter name that " + nameProblem);
                }
                if (eq >= 0) {
                    String valueProblem = problem(pair.substring(eq + 1), true);
                    if (valueProblem != null) {
                        return ApiException.invalid(decodeQuietly(name), valueProblem);
                    }
                }
            }
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            for (String value : header.getValue()) {
                String problem = TextRules.characterViolation(value, false);
                if (problem != null) {
                    return ApiException.invalid(header.getKey(), problem);
                }
            }
        }
        return null;
    }

    /** What is wrong with a raw (percent-encoded) part of the URI, or null. */
    private static String problem(String raw, boolean plusIsSpace) {
        String decoded;
        try {
            decoded = decode(raw, plusIsSpace);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return "must be valid percent-encoded UTF-8";
        }
        return TextRules.violation(decoded, MAX_PARAMETER_LENGTH);
    }

    private static String decodeQuietly(String raw) {
        try {
            return decode(raw, true);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return "query";
        }
    }

    /** Percent-decoding into strict UTF-8: a malformed escape or byte sequence throws instead of becoming U+FFFD. */
    static String decode(String raw, boolean plusIsSpace) throws CharacterCodingException {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int codePoint = raw.codePointAt(i);
                if (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint)) {
                    throw new IllegalArgumentException("unpaired surrogate");
                }
                byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
    }
}
