package uz.hisob.events.field;

import java.util.Set;

/** Field sales' own role (field-sales.md) and the token claims that bind it to a project and an agent. */
public final class FieldRoles {

    public static final String AGENT = "AGENT";
    public static final Set<String> ALL = Set.of(AGENT);
    /** The claim naming an AGENT's project (common.md). */
    public static final String PROJECT_CLAIM = "project";
    /** The claim naming the agent an AGENT user is (common.md). */
    public static final String AGENT_CLAIM = "agent";

    private FieldRoles() {
    }
}
