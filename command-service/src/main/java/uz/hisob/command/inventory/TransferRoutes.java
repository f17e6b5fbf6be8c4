package uz.hisob.command.inventory;

import java.util.Optional;

/**
 * Where each transfer goes: a transfer is addressed by its id alone, unique in the tenant, and its receipt must find
 * the location that dispatched it. Written in the dispatching command's transaction; command handlers receive it as a
 * parameter.
 */
public interface TransferRoutes {

    /** A transfer's source and destination. */
    record Route(String fromLocationId, String toLocationId) {
    }

    /** True if {@code transferId} was free in the tenant and now routes from one location to the other. */
    boolean open(String tenant, String transferId, String fromLocationId, String toLocationId);

    Optional<Route> find(String tenant, String transferId);
}
