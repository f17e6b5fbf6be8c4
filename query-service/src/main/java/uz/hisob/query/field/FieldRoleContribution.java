package uz.hisob.query.field;

import org.springframework.stereotype.Component;
import uz.hisob.events.field.FieldRoles;
import uz.hisob.platform.security.TenantRoleContribution;

import java.util.Set;

/** Field sales' role, among those a tenant's ADMIN may give. */
@Component
public class FieldRoleContribution implements TenantRoleContribution {

    @Override
    public Set<String> roles() {
        return FieldRoles.ALL;
    }
}
