package uz.hisob.command.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;


/**
 * Runs around every command's handler, inside its unit of work and transaction. After the event store has appended
 * the command's events (an earlier prepare-commit step) it
 * <ol>
 *   <li>takes the position: the global index of the last event the command appended, as the append returned it;</li>
 *   <li>renders the HTTP answer ({@code id}, the handler's result, {@code position});</li>
 *   <li>records it under the request's {@code Idempotency-Key}, in the same transaction as the events.</li>
 * </ol>
 * The unit of work commits only after all of that, so events and idempotency record commit or roll back together.
 * The events are chained into the tenant's ledger after the commit ({@code LedgerSealer}): nothing here is shared by
 * the commands of different aggregates but Axon's own event table.
 */
@Component
public class CommandOutcomeInterceptor {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final IdempotencyStore idempotency;

    public CommandOutcomeInterceptor(JdbcTemplate jdbc, JsonMapper json, IdempotencyStore idempotency, CommandBus commandBus) {
        this.jdbc = jdbc;
        this.json = json;
        this.idempotency = idempotency;
        // registered here, explicitly, and only here (Axon also auto-registers interceptor beans: this is not one)
        commandBus.registerHandlerInterceptor(this::handle);
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData meta = unitOfWork.getMessage().getMetaData();
        String tenant = (String) meta.get(uz.hisob.events.EventMetadata.TENANT);
        String idempotencyKey = (String) meta.get(CommandMetadata.IDEMPOTENCY_KEY);
        if (idempotencyKey != null) {
            // Requests with the same key queue here, before anything is decided (the lock is the transaction's): the
            // second one then finds the first one's record and answers as it did, instead of deciding again on the
            // state the first one left (common.md: never refused for a reason the first request created).
            idempotency.lockKey(tenant, idempotencyKey);
            java.util.Optional<IdempotencyStore.Entry> earlier = idempotency.find(tenant, idempotencyKey);
            if (earlier.isPresent()) {
                throw new IdempotencyStore.AnsweredBefore(earlier.get());
            }
        }
        Object result = chain.proceed();
        CommandOutcome outcome = new CommandOutcome();
        unitOfWork.onPrepareCommit(uow -> {
            long position = EventStoreConfig.lastAppended();
            if (position < 0) {
                position = latestOf(tenant);
            }
            Object status = meta.get(CommandMetadata.RESPONSE_STATUS);
            String id = (String) meta.get(CommandMetadata.RESPONSE_ID);
            String location = (String) meta.get(CommandMetadata.RESPONSE_LOCATION);
            outcome.complete(status == null ? 200 : Integer.parseInt(status.toString()), location,
                    body(id, result, position), position);
            String key = (String) meta.get(CommandMetadata.IDEMPOTENCY_KEY);
            if (key != null) {
                idempotency.record(tenant, key,
                        (String) meta.get(CommandMetadata.IDEMPOTENCY_FINGERPRINT), outcome);
            }
        });
        return outcome;
    }

    /**
     * For a command that appended nothing: the tenant's own latest event, never the store's global head, which would
     * tell one tenant how busy the others are and make its minPosition reads wait for their events.
     */
    private long latestOf(String tenant) {
        Long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE event_tenant(meta_data) = ?",
                Long.class, tenant);
        return position == null ? 0 : position;
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
}
