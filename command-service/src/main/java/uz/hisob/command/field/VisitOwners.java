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

    /** True if {@code visitId} was free in the tenant and now belongs to the agent. */
    boolean claim(String tenant, String visitId, String agentId, String projectId);

    Optional<Owner> find(String tenant, String visitId);
}
