package uz.hisob.command.auth;

import uz.hisob.platform.web.Blocking;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/auth/token}, {@code POST /api/auth/refresh} and the public key set other services verify tokens
 * with. Password checks (bcrypt) and JDBC run off the event loop.
 */
@RestController
public class AuthEndpoints {

    /** Credentials. */
    public record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "TokenRequest[username=" + username + "]";
        }
    }

    /** A refresh token to exchange. */
    public record RefreshRequest(@JsonProperty("refresh_token") @NotBlank @Size(max = 200) String refreshToken) {
    }

    /** The contract's token pair. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn,
                                @JsonProperty("refresh_token") String refreshToken) {
    }

    private final Credentials credentials;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final SigningKeys keys;
    private final String issuerId;

    public AuthEndpoints(Credentials credentials, TokenIssuer issuer, RefreshTokens refreshTokens, SigningKeys keys,
                         @org.springframework.beans.factory.annotation.Value("${hisob.security.issuer}") String issuerId) {
        this.credentials = credentials;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.issuerId = issuerId;
    }

    @PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<TokenResponse> token(@Valid @RequestBody TokenRequest request) {
        return Blocking.run(() -> credentials.verify(request.username(), request.password())
                        .map(this::pairFor)
                        .orElseThrow(() -> unauthenticated("Wrong username or password")));
    }

    @PostMapping(path = "/api/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return Blocking.run(() -> refreshTokens.rotate(request.refreshToken())
                        .flatMap(r -> credentials.byId(r.userId())
                                .map(user -> new TokenResponse(issuer.issue(user), "Bearer", issuer.accessTokenTtlSeconds(), r.nextToken())))
                        .orElseThrow(() -> unauthenticated("The refresh token is unknown, expired or already used")));
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> jwks() {
        return keys.publicJwkSet().toJSONObject();
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuerId);
        doc.put("jwks_uri", issuerId + "/.well-known/jwks.json");
        doc.put("token_endpoint", issuerId + "/api/auth/token");
        doc.put("id_token_signing_alg_values_supported", java.util.List.of("RS256"));
        return doc;
    }

    private TokenResponse pairFor(UserAccount user) {
        return new TokenResponse(issuer.issue(user), "Bearer", issuer.accessTokenTtlSeconds(), refreshTokens.issue(user.id()));
    }

    private static ApiException unauthenticated(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail);
    }
}
