package uz.hisob.query.kitchen;

import org.springframework.stereotype.Component;
import uz.hisob.events.kitchen.KitchenRoles;
import uz.hisob.platform.security.TenantRoleContribution;

import java.util.Set;

/** The kitchen's roles, among those a tenant's ADMIN may give. */
@Component
public class KitchenRoleContribution implements TenantRoleContribution {

    @Override
    public Set<String> roles() {
        return KitchenRoles.ALL;
    }
}
