package uz.hisob.platform.security;

import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The roles a tenant's ADMIN may give its users: ADMIN, MANAGER, AUDITOR and what each context contributes. */
@Component
public class TenantRoles {

    private final Set<String> all;

    public TenantRoles(List<TenantRoleContribution> contributions) {
        Set<String> roles = new TreeSet<>(List.of(Roles.ADMIN, Roles.MANAGER, Roles.AUDITOR));
        contributions.forEach(c -> roles.addAll(c.roles()));
        this.all = Collections.unmodifiableSet(roles);
    }

    /** Every tenant role, in name order. */
    public Set<String> all() {
        return all;
    }

    public boolean contains(String role) {
        return all.contains(role);
    }
}
