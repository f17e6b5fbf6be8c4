package uz.hisob.events.kitchen;

import java.util.Set;

/** The kitchen's own role (kitchen.md): the COOK serves meals and reads stock, capacity, meals and alerts. */
public final class KitchenRoles {

    public static final String COOK = "COOK";
    public static final Set<String> ALL = Set.of(COOK);

    private KitchenRoles() {
    }
}
