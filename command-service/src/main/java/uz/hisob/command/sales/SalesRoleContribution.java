package uz.hisob.command.sales;

import org.springframework.stereotype.Component;
import uz.hisob.events.sales.SalesRoles;
import uz.hisob.platform.security.TenantRoleContribution;

import java.util.Set;

/** The online shop's roles, among those a tenant's ADMIN may give. */
@Component
public class SalesRoleContribution implements TenantRoleContribution {

    @Override
    public Set<String> roles() {
        return SalesRoles.ALL;
    }
}
