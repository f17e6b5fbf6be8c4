package uz.hisob.command.field;

import uz.hisob.events.field.GeoPoint;

import java.util.List;
import java.util.Optional;

/**
 * What a field-sales decision needs to know of other aggregates of the write model (never of a read model): a
 * project's rules, a client's place and state, an agent's project, a price list's existence; and the one write a
 * check-in makes elsewhere, teaching a client its location. Command handlers receive it as a parameter.
 */
public interface FieldDirectory {

    /** A client as a visit needs it. */
    record ClientFacts(String projectId, GeoPoint location, boolean archived, List<String> agentIds) {
    }

    Optional<Project.Rules> project(String tenant, String projectId);

    Optional<ClientFacts> client(String tenant, String clientId);

    /** Whether the agent of the project is active; empty when the project has no such agent. */
    Optional<Boolean> agentActive(String tenant, String projectId, String agentId);

    boolean priceListExists(String tenant, String priceListId);

    /** The client, still without a location, gets this one (a check-in's, in the same transaction). */
    void learnLocation(String tenant, String clientId, GeoPoint location, String visitId);
}
