package uz.hisob.command.field;

import org.springframework.stereotype.Component;
import uz.hisob.events.field.FieldRoles;
import uz.hisob.platform.security.TenantRoleContribution;

import java.util.Set;

/** Field sales' role among those a tenant's ADMIN may give (an AGENT user is made with its agent, bound to a project). */
@Component
public class FieldRoleContribution implements TenantRoleContribution {

    @Override
    public Set<String> roles() {
        return FieldRoles.ALL;
    }
}
