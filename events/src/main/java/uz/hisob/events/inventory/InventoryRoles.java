package uz.hisob.events.inventory;

import java.util.Set;

/** The inventory's own role (commerce.md): receipts, transfers, write-offs, counts and fulfilment; reads stock. */
public final class InventoryRoles {

    public static final String WAREHOUSE_WORKER = "WAREHOUSE_WORKER";
    public static final Set<String> ALL = Set.of(WAREHOUSE_WORKER);

    private InventoryRoles() {
    }
}
