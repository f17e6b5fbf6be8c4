package uz.hisob.query.inventory;

import org.springframework.stereotype.Component;
import uz.hisob.events.inventory.InventoryRoles;
import uz.hisob.platform.security.TenantRoleContribution;

import java.util.Set;

/** The inventory's roles, among those a tenant's ADMIN may give. */
@Component
public class InventoryRoleContribution implements TenantRoleContribution {

    @Override
    public Set<String> roles() {
        return InventoryRoles.ALL;
    }
}
