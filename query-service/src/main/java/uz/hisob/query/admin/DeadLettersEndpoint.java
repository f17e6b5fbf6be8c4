package uz.hisob.query.admin;

import uz.hisob.platform.web.Blocking;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.IdempotencyKeys;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.platform.DeadLetters;
import uz.hisob.query.platform.QueryIdempotency;

import java.util.Map;

/**
 * The read models' dead letters (audit.md, OPERATOR): {@code GET /api/admin/dead-letters}, what is parked (and what
 * was evicted), without payloads; {@code POST …/{id}/retry}, the letter's aggregate applied again from its first
 * parked event; {@code POST …/{id}/evict}, the letter given up. Both POSTs answer the letter as it is afterwards.
 */
@RestController
public class DeadLettersEndpoint {

    private final DeadLetters letters;
    private final QueryIdempotency idempotency;

    public DeadLettersEndpoint(DeadLetters letters, QueryIdempotency idempotency) {
        this.letters = letters;
        this.idempotency = idempotency;
    }

    @GetMapping("/api/admin/dead-letters")
    public Mono<Page<DeadLetters.Letter>> list(PageRequest page) {
        return Mono.fromCallable(() -> Page.of(letters.list(page.offset(), page.size()), page, letters.total()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/admin/dead-letters/{id}")
    public Mono<DeadLetters.Letter> one(@PathVariable String id) {
        return Mono.fromCallable(() -> letters.find(id).orElseThrow(() -> uz.hisob.platform.web.ApiException.notFound("Dead letter")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/api/admin/dead-letters/{id}/retry")
    public Mono<ResponseEntity<String>> retry(@PathVariable String id, Caller caller, ServerWebExchange exchange) {
        String key = IdempotencyKeys.key(exchange);
        return Blocking.run(() -> idempotency.once(200, caller.tenant(), key, exchange, Map.of("retry", id), null,
                        () -> Map.of("letter", letters.retry(id))));
    }

    @PostMapping("/api/admin/dead-letters/{id}/evict")
    public Mono<ResponseEntity<String>> evict(@PathVariable String id, Caller caller, ServerWebExchange exchange) {
        String key = IdempotencyKeys.key(exchange);
        return Blocking.run(() -> idempotency.once(200, caller.tenant(), key, exchange, Map.of("evict", id), null,
                        () -> Map.of("letter", letters.evict(id, caller.tenant() + "/" + caller.username()))));
    }
}
