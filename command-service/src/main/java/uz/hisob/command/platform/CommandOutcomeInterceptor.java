package uz.hisob.command.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs around every command's handler, inside its unit of work and transaction. Before the event store appends the
 * command's events it locks the tenant's ledger head; after the append (an earlier prepare-commit step) it
 * <ol>
 *   <li>links the appended events into the tenant's hash chain ({@link LedgerChain});</li>
 *   <li>finds the position: the global index of the last event the command appended;</li>
 *   <li>renders the HTTP answer ({@code id}, the handler's result, {@code position});</li>
 *   <li>records it under the request's {@code Idempotency-Key}, in the same transaction as the events.</li>
 * </ol>
 * The unit of work commits only after all of that, so events and idempotency record commit or roll back together.
 */
@Component
public class CommandOutcomeInterceptor {

    private static final String EVENT_IDS = CommandOutcomeInterceptor.class.getName() + ".eventIds";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final IdempotencyStore idempotency;
    private final LedgerChain ledger;

    public CommandOutcomeInterceptor(JdbcTemplate jdbc, JsonMapper json, IdempotencyStore idempotency, LedgerChain ledger,
                                     CommandBus commandBus, EventStore eventStore) {
        this.jdbc = jdbc;
        this.json = json;
        this.idempotency = idempotency;
        this.ledger = ledger;
        // registered here, explicitly, and only here (Axon also auto-registers interceptor beans: this is not one)
        commandBus.registerHandlerInterceptor(this::handle);
        // Note the identifier of every event published in a command's unit of work.
        eventStore.registerDispatchInterceptor(messages -> (index, event) -> {
            CurrentUnitOfWork.ifStarted(uow -> uow.root()
                    .<List<String>>getOrComputeResource(EVENT_IDS, k -> new ArrayList<>())
                    .add(event.getIdentifier()));
            return event;
        });
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData meta = unitOfWork.getMessage().getMetaData();
        String tenant = (String) meta.get(uz.hisob.events.EventMetadata.TENANT);
        // registered before the handler runs, so it runs before the event store appends (which is also when the
        // events pass the dispatch interceptor): the tenant's chain head is locked first, every writer queues there
        unitOfWork.onPrepareCommit(uow -> ledger.lock(tenant));
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
            List<String> eventIds = uow.root().getResource(EVENT_IDS);
            if (eventIds != null && !eventIds.isEmpty()) {
                ledger.link(tenant, eventIds);
            }
            long position = position(tenant, eventIds);
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

    private long position(String tenant, List<String> eventIds) {
        Long position;
        if (eventIds == null || eventIds.isEmpty()) {
            // nothing appended: the tenant's own latest event (its chain's head), never the store's global head, which
            // would tell one tenant how busy the others are and make its minPosition reads wait for their events
            position = jdbc.query("SELECT global_index FROM ledger_chain WHERE tenant = ? ORDER BY tenant_seq DESC LIMIT 1",
                    rs -> rs.next() ? rs.getLong(1) : null, tenant);
        } else {
            position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE event_identifier = ANY (?)",
                    Long.class, (Object) eventIds.toArray(new String[0]));
        }
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
