package uz.hisob.command.platform;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;
import uz.hisob.platform.web.IdempotencyKeys;

import java.util.Optional;

/**
 * How HTTP requests become commands: through the {@link CommandSender} as the token's caller (the tenant and user
 * come from the token, nowhere else), off the Netty event loop (the local command bus runs the handler and its JDBC
 * work on the calling thread), honouring {@code Idempotency-Key}, and rendering the sender's answer: {@code id}, the
 * handler's result and {@code position}.
 */
@Component
public class CommandDispatcher {

    private final CommandSender sender;
    private final IdempotencyStore idempotency;
    private final JsonMapper json;

    public CommandDispatcher(CommandSender sender, IdempotencyStore idempotency, JsonMapper json) {
        this.sender = sender;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** A command that creates a resource: 201 with {@code id}, {@code position} and a {@code Location}. */
    public Mono<ResponseEntity<String>> create(ServerWebExchange exchange, Caller caller, Object request, Object command,
                                               String id, String location) {
        return dispatch(exchange, caller, request, (actor, answer) -> sender.send(actor, command, answer),
                HttpStatus.CREATED, id, location);
    }

    /** A command on an existing resource: 200 with {@code position} and whatever the handler answers. */
    public Mono<ResponseEntity<String>> update(ServerWebExchange exchange, Caller caller, Object request, Object command) {
        return dispatch(exchange, caller, request, (actor, answer) -> sender.send(actor, command, answer),
                HttpStatus.OK, null, null);
    }

    /**
     * A request carried out by several commands ({@code steps}, run off the event loop, in order): the answer is
     * rendered in the transaction of the last one, which the steps send with {@link Answering#showing}, and is what
     * an idempotent replay returns; its {@code position} is that command's. {@code status} 200, no {@code id}.
     * Only the last command is covered by the idempotency key: a request retried with the same key while the first
     * is between its commands is decided again.
     */
    public Mono<ResponseEntity<String>> steps(ServerWebExchange exchange, Caller caller, Object request, Steps steps) {
        return dispatch(exchange, caller, request, (actor, answer) -> steps.run(actor, answer::showing), HttpStatus.OK, null, null);
    }

    /** As {@link #steps(ServerWebExchange, Caller, Object, Steps)}, for a request that creates {@code id}: 201 and a {@code Location}. */
    public Mono<ResponseEntity<String>> createSteps(ServerWebExchange exchange, Caller caller, Object request, String id, String location,
                                                    Steps steps) {
        return dispatch(exchange, caller, request, (actor, answer) -> steps.run(actor, answer::showing), HttpStatus.CREATED, id, location);
    }

    /**
     * As {@link #steps(ServerWebExchange, Caller, Object, Steps)}, for a request whose work goes on after the answer
     * (a sync run): 202, and a replay with the same {@code Idempotency-Key} answers the same, starting nothing again.
     */
    public Mono<ResponseEntity<String>> accepted(ServerWebExchange exchange, Caller caller, Object request, Steps steps) {
        return dispatch(exchange, caller, request, (actor, answer) -> steps.run(actor, answer::showing), HttpStatus.ACCEPTED, null, null);
    }

    /** Sends the commands of one request, the last one with {@code answering.showing(result)}. */
    @FunctionalInterface
    public interface Steps {
        void run(Actor actor, Answering answering);
    }

    /** The answer of a request of several commands. */
    public interface Answering {
        /**
         * The work of the answering command: the answer shows {@code result}'s fields, or, when null, what the command's
         * handler answered (and the command's position).
         */
        CommandSender.InTransaction showing(Object result);
    }

    private interface Send {
        void run(Actor actor, HttpAnswer answer);
    }

    private Mono<ResponseEntity<String>> dispatch(ServerWebExchange exchange, Caller caller, Object request, Send send,
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
            HttpAnswer answer = new HttpAnswer(caller.tenant(), key, fingerprint, status.value(), id, location);
            try {
                send.run(Actor.of(caller), answer);
                return IdempotencyKeys.answer(answer.status, answer.location, answer.body, false);
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
     * The HTTP answer, rendered in the command's transaction once its position is known, and recorded there under
     * the request's {@code Idempotency-Key}: the record commits or rolls back with the command's events. Requests
     * with the same key queue on it before anything is decided (the lock is the transaction's): the second one then
     * finds the first one's record and answers as it did, instead of deciding again on the state the first one left
     * (common.md: never refused for a reason the first request created).
     */
    private final class HttpAnswer implements CommandSender.InTransaction {
        private final String tenant;
        private final String key;
        private final String fingerprint;
        private final int status;
        private final String id;
        private final String location;
        private String body;
        private boolean shown;
        private Object shownResult;

        HttpAnswer(String tenant, String key, String fingerprint, int status, String id, String location) {
            this.tenant = tenant;
            this.key = key;
            this.fingerprint = fingerprint;
            this.status = status;
            this.id = id;
            this.location = location;
        }

        CommandSender.InTransaction showing(Object result) {
            shown = true;
            shownResult = result;
            return this;
        }

        @Override
        public void beforeHandling() {
            if (key != null) {
                idempotency.lockKey(tenant, key);
                Optional<IdempotencyStore.Entry> earlier = idempotency.find(tenant, key);
                if (earlier.isPresent()) {
                    throw new IdempotencyStore.AnsweredBefore(earlier.get());
                }
            }
        }

        @Override
        public void beforeCommit(CommandSender.Sent sent) {
            body = body(id, shown && shownResult != null ? shownResult : sent.result(), sent.position());
            if (key != null) {
                idempotency.record(tenant, key, fingerprint, status, location, body);
            }
        }
    }

    private String body(String id, Object result, long position) {
        ObjectNode body = json.createObjectNode();
        if (id != null) {
            body.put("id", id);
        }
        if (result != null && !(result instanceof CharSequence) && !(result instanceof Number) && !(result instanceof Boolean)) {
            JsonNode fields = json.valueToTree(result);
            if (fields.isObject()) {
                body.setAll((ObjectNode) fields);
            }
        }
        body.put("position", position);
        return json.writeValueAsString(body);
    }

    private ResponseEntity<String> replay(IdempotencyStore.Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            throw IdempotencyKeys.reused();
        }
        return IdempotencyKeys.answer(entry.status(), entry.location(), entry.body(), true);
    }
}
