package uz.hisob.command.inventory;

import java.util.List;

/**
 * The tenant's locations by kind (the command side's own table, never a read model): written in the transaction of a
 * location's opening, read by the allocation of orders to warehouses. Command handlers receive it as a parameter.
 */
public interface LocationDirectory {

    void register(String tenant, String locationId, String kind);

    /** The tenant's warehouses, by id. */
    List<String> warehouses(String tenant);

    /** The kind of a location, or null when the tenant has none of that id. */
    String kindOf(String tenant, String locationId);
}
