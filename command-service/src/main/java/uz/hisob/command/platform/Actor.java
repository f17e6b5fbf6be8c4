package uz.hisob.command.platform;

import org.axonframework.messaging.Message;
import uz.hisob.events.EventMetadata;
import uz.hisob.platform.security.Caller;

/**
 * Who a command is sent as: the tenant it is confined to and the user recorded on its events, and, for a command a
 * process sends because of an event, the trace it continues (Axon's {@code traceId}: every message a request caused
 * shares it). HTTP endpoints act as the token's caller, processes as the user whose event they react to, seeders and
 * schedulers as {@link #SYSTEM}.
 */
public record Actor(String tenant, String user, String traceId) {

    /** The user recorded on what the system does by itself (a seeder, a scheduled job). */
    public static final String SYSTEM = "system";

    /** Axon's key of the trace id ({@code MessageOriginProvider}). */
    static final String TRACE_ID = "traceId";

    public Actor {
        if (tenant == null || tenant.isBlank() || user == null || user.isBlank()) {
            throw new IllegalArgumentException("an actor has a tenant and a user");
        }
    }

    /** The caller of an HTTP request, as its validated token says. */
    public static Actor of(Caller caller) {
        return new Actor(caller.tenant(), caller.username(), null);
    }

    /** The system itself acting in a tenant. */
    public static Actor system(String tenant) {
        return new Actor(tenant, SYSTEM, null);
    }

    /** A process reacting to {@code cause}: its tenant and user, continuing its trace. */
    public static Actor causedBy(Message<?> cause) {
        Object tenant = cause.getMetaData().get(EventMetadata.TENANT);
        Object user = cause.getMetaData().get(EventMetadata.USER);
        Object trace = cause.getMetaData().get(TRACE_ID);
        return new Actor(tenant == null ? null : tenant.toString(), user == null ? SYSTEM : user.toString(),
                trace == null ? cause.getIdentifier() : trace.toString());
    }
}
