package uz.hisob.events;

/** Metadata keys every event carries, set once by the command side for all bounded contexts. */
public final class EventMetadata {

    /** Tenant id (the {@code tenant} claim of the token that caused the event). */
    public static final String TENANT = "tenant";
    /** The user who caused the event (the token's {@code preferred_username}). */
    public static final String USER = "user";
    /** Correlation id shared by every message of one request (Axon's own key). */
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }
}
