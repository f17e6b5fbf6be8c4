package uz.hisob.command.onec.notify;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.IssueOnecApiKey;
import uz.hisob.api.onec.RevokeOnecApiKey;
import uz.hisob.command.onec.OnecItemHashes;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.Blocking;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The keys 1C asks for a run with (onec.md), ADMIN: {@code POST /api/projects/{p}/onec/api-keys} → 201
 * {@code {"id","key","position"}}, the key shown this once (only its hash is kept, so an {@code Idempotency-Key} is
 * not honoured here: a replay would have to keep the key); {@code DELETE …/api-keys/{id}} revokes it.
 */
@RestController
public class OnecApiKeyEndpoint {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandSender sender;

    public OnecApiKeyEndpoint(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping("/api/projects/{projectId}/onec/api-keys")
    public Mono<ResponseEntity<Map<String, Object>>> issue(@PathVariable String projectId, Caller caller) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "h1c_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        return Blocking.run(() -> {
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
