package uz.hisob.command.platform;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.EventMetadata;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;
import uz.hisob.platform.web.IdempotencyKeys;

import java.util.Optional;

/**
 * The one way HTTP requests become commands. It stamps the caller's tenant and user on the command (from the token,
 * nowhere else), honours {@code Idempotency-Key}, and runs the command off the Netty event loop: the local command bus
 * executes the handler and its JDBC work on the calling thread.
 */
@Component
public class CommandDispatcher {

    /**
     * Attempts of a command whose append lost to another node's. Two nodes appending to one busy aggregate lose
     * to each other round after round: five attempts were once all lost in LedgerTest (20 concurrent deliveries per
     * kitchen over two nodes); ten, with the back-off growing, make that unlikely without hiding a real livelock.
     */
    private static final int MAX_ATTEMPTS = 10;

    private final CommandGateway gateway;
    private final IdempotencyStore idempotency;
    private final JsonMapper json;

    public CommandDispatcher(CommandGateway gateway, IdempotencyStore idempotency, JsonMapper json) {
        this.gateway = gateway;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** A command that creates a resource: 201 with {@code id}, {@code position} and a {@code Location}. */
    public Mono<ResponseEntity<String>> create(ServerWebExchange exchange, Caller caller, Object request, Object command,
                                               String id, String location) {
        return dispatch(exchange, caller, request, command, HttpStatus.CREATED, id, location);
    }

    /** A command on an existing resource: 200 with {@code position} and whatever the handler answers. */
    public Mono<ResponseEntity<String>> update(ServerWebExchange exchange, Caller caller, Object request, Object command) {
        return dispatch(exchange, caller, request, command, HttpStatus.OK, null, null);
    }

    private Mono<ResponseEntity<String>> dispatch(ServerWebExchange exchange, Caller caller, Object request, Object command,
                                                  HttpStatus status, String id, String location) {
        String key;
        try {
            key = IdempotencyKeys.key(exchange);
        } catch (ApiException e) {
            return Mono.error(e);
        }
        String fingerprint = key == null ? null : IdempotencyKeys.fingerprint(exchange, request, json);
        // to its end whatever the client does: an interrupt mid-command would strand the unit of work (Blocking)
        return Blocking.run(() -> {
            if (key != null) {
                Optional<IdempotencyStore.Entry> earlier = idempotency.find(caller.tenant(), key);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), fingerprint);
                }
            }
            MetaData meta = MetaData.with(EventMetadata.TENANT, caller.tenant())
                    .and(EventMetadata.USER, caller.username())
                    .and(CommandMetadata.RESPONSE_STATUS, Integer.toString(status.value()));
            if (id != null) {
                meta = meta.and(CommandMetadata.RESPONSE_ID, id);
            }
            if (location != null) {
                meta = meta.and(CommandMetadata.RESPONSE_LOCATION, location);
            }
            if (key != null) {
                meta = meta.and(CommandMetadata.IDEMPOTENCY_KEY, key).and(CommandMetadata.IDEMPOTENCY_FINGERPRINT, fingerprint);
            }
            try {
                CommandOutcome outcome = sendRetryingConflicts(command, meta);
                return IdempotencyKeys.answer(outcome.status(), outcome.location(), outcome.body(), false);
            } catch (IdempotencyStore.AnsweredBefore before) {
                // a concurrent request with the same key committed while this one queued behind it
                return replay(before.entry(), fingerprint);
            } catch (IdempotencyStore.IdempotencyConflict conflict) {
                // a concurrent request with the same key committed first: answer as it did
                return idempotency.find(caller.tenant(), key).map(e -> replay(e, fingerprint)).orElseThrow(() -> conflict);
            }
        });
    }

    /**
     * Another node appended to the same aggregate first: the command is decided again on the fresh state, a few
     * times, before the client is told. (Within one node, Axon's aggregate lock already serialises commands.) A
     * refusal decided on a cached aggregate is decided once more on the state in the store, which another node may
     * have moved on ({@link CacheHits}).
     */
    private CommandOutcome sendRetryingConflicts(Object command, MetaData meta) {
        boolean refusedFromCache = false;
        for (int attempt = 1; ; attempt++) {
            CacheHits.reset();
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(meta));
            } catch (uz.hisob.api.CommandRefused refused) {
                if (refusedFromCache || !CacheHits.servedFromCache()) {
                    throw refused;
                }
                refusedFromCache = true; // the rolled-back unit of work took the entry out of the cache
            } catch (org.axonframework.modelling.command.ConcurrencyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 25L * attempt)); // jittered back-off
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private ResponseEntity<String> replay(IdempotencyStore.Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            throw IdempotencyKeys.reused();
        }
        return IdempotencyKeys.answer(entry.status(), entry.location(), entry.body(), true);
    }
}
