package uz.hisob.platform.security;

/**
 * A service's role matrix: which roles may call which method and path, written once per service next to the
 * contract's tables. Applied before the catch-all "authenticated", so a caller without the role gets 403 before
 * the request body is even read.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void apply(RoleRules.Builder rules);
}
