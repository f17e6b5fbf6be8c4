package uz.hisob.command.field;

import java.util.Optional;

/**
 * Which agent (and project) each visit belongs to: a visit is addressed by its id alone, unique in the tenant, and its
 * commands go to its agent's aggregate. Written in the transaction of the command that creates the visit.
 */
public interface VisitOwners {

    /** The agent and project of a visit. */
    record Owner(String agentId, String projectId) {
    }

    /** A planned visit whose day is over. */
    record Due(String tenant, String visitId, String agentId) {
    }

    /**
     * True if {@code visitId} was free in the tenant and now belongs to the agent; {@code dueAt} the end of its planned
     * day in the project's zone (null for a visit that is never missed: an unplanned one).
     */
    boolean claim(String tenant, String visitId, String agentId, String projectId, java.time.Instant dueAt, String routeId);

    /** The visits a route planned that are still planned and not yet due: those it may cancel when it changes. */
    java.util.List<String> openOfRoute(String tenant, String routeId, java.time.Instant now);

    /** The planned visit's day now ends at {@code dueAt}; null: it can no longer be missed (checked in, cancelled, missed). */
    void due(String tenant, String visitId, java.time.Instant dueAt);

    /** A route cancelled the visit (it no longer had it): it can no longer be missed, and the route plans anew. */
    void dropped(String tenant, String visitId);

    /** Whether a route cancelled the visit. */
    boolean wasDropped(String tenant, String visitId);

    /** Planned visits whose day ended before {@code now}, oldest first, at most {@code limit}. */
    java.util.List<Due> overdue(java.time.Instant now, int limit);

    Optional<Owner> find(String tenant, String visitId);
}
