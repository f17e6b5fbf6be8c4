package uz.hisob.platform.security;

import java.util.Set;

/** The role names Hisob knows. Bounded contexts add theirs here as they arrive. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MANAGER = "MANAGER";
    public static final String COOK = "COOK";
    public static final String AUDITOR = "AUDITOR";

    public static final Set<String> ALL = Set.of(ADMIN, MANAGER, COOK, AUDITOR);

    private Roles() {
    }
}
