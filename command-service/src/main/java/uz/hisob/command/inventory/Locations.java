package uz.hisob.command.inventory;

/**
 * Whether a location exists, for a command of one location that names another (a transfer's destination). Asked of
 * the event store, never of a read model; a location is never removed, so the answer cannot turn false later.
 * Command handlers receive it as a parameter.
 */
public interface Locations {

    boolean exists(String tenant, String locationId);
}
