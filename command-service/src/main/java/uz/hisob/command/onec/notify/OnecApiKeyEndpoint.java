package uz.hisob.command.onec.notify;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.IssueOnecApiKey;
import uz.hisob.api.onec.RevokeOnecApiKey;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The keys 1C asks for a run with (onec.md), ADMIN: {@code POST /api/projects/{p}/onec/api-keys} → 201
 * {@code {"id","key","position"}}, the key shown this once: only its hash is kept. A request with an
 * {@code Idempotency-Key} makes its key from that (an HMAC under the installation's secret key), so a retry answers the
 * same key without anything having kept it, and makes no second one. {@code DELETE …/api-keys/{id}} revokes it.
 */
@RestController
public class OnecApiKeyEndpoint {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandSender sender;
    private final OnecSecrets secrets;

    public OnecApiKeyEndpoint(CommandSender sender, OnecSecrets secrets) {
        this.sender = sender;
        this.secrets = secrets;
    }

    @PostMapping("/api/projects/{projectId}/onec/api-keys")
    public Mono<ResponseEntity<Map<String, Object>>> issue(@PathVariable String projectId, Caller caller,
                                                           @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 128)) {
            return Mono.error(ApiException.invalid("Idempotency-Key", "must be 1 to 128 characters"));
        }
        return Blocking.run(() -> {
            byte[] secret = new byte[32];
            if (idempotencyKey == null) {
                RANDOM.nextBytes(secret);
            } else {
                secret = secrets.derive("api-key\n" + caller.tenant() + "\n" + projectId + "\n" + idempotencyKey);
            }
            String key = "h1c_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            String id = UUID.nameUUIDFromBytes(("onec-api-key:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            long position = sender.send(Actor.of(caller), new IssueOnecApiKey(caller.tenant(), projectId, id, OnecItemHashes.hash(key),
                    key.substring(0, 8))).position();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("key", key);
            answer.put("position", position);
            return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/projects/" + projectId + "/onec/api-keys/" + id)
                    .body(answer);
        });
    }

    @DeleteMapping("/api/projects/{projectId}/onec/api-keys/{keyId}")
    public Mono<Map<String, Object>> revoke(@PathVariable String projectId, @PathVariable String keyId, Caller caller) {
        return Blocking.run(() -> Map.of("position",
                sender.send(Actor.of(caller), new RevokeOnecApiKey(caller.tenant(), projectId, keyId)).position()));
    }
}
