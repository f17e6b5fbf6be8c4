package uz.hisob.platform.security;

import java.util.Set;

/** The roles a bounded context adds to those every tenant has (a kitchen's COOK); a bean of each service. */
public interface TenantRoleContribution {

    Set<String> roles();
}
