package uz.hisob.command.inventory;

import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;
import static uz.hisob.events.inventory.InventoryRoles.WAREHOUSE_WORKER;

/**
 * Who may change stock (commerce.md): MANAGER locations, minimums and everything a keeper does; WAREHOUSE_WORKER
 * receipts, transfers, write-offs and counts; ADMIN everything.
 */
@Component
public class InventoryAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.allow("/api/inventory/receipts/**", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow("/api/inventory/transfers/**", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow("/api/inventory/write-offs/**", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow("/api/inventory/counts/**", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow("/api/inventory/**", ADMIN, MANAGER);
    }
}
