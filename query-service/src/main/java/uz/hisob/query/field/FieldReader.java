package uz.hisob.query.field;

import uz.hisob.events.field.FieldRoles;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;

/**
 * What an AGENT may read (field-sales.md): only its own project (another one is 404, as if it did not exist) and
 * only its own visits and track (another agent's is 403). Other roles read their whole tenant.
 */
public final class FieldReader {

    private FieldReader() {
    }

    public static boolean isAgent(Caller caller) {
        return caller.hasRole(FieldRoles.AGENT) && !caller.hasRole("ADMIN") && !caller.hasRole("MANAGER")
                && !caller.hasRole("AUDITOR");
    }

    /** The AGENT's project must be {@code projectId}: 404 otherwise. */
    public static void requireProject(Caller caller, String projectId) {
        if (isAgent(caller) && !projectId.equals(caller.scope(FieldRoles.PROJECT_CLAIM))) {
            throw ApiException.notFound("Project");
        }
    }

    /** The agent an AGENT caller is, or null for the other roles. */
    public static String agentOf(Caller caller) {
        return isAgent(caller) ? caller.scope(FieldRoles.AGENT_CLAIM) : null;
    }

    /** An AGENT reads its own things only: 404 in another project, 403 for another agent's. */
    public static void requireOwn(Caller caller, String projectId, String agentId) {
        requireProject(caller, projectId);
        if (isAgent(caller) && !agentId.equals(caller.scope(FieldRoles.AGENT_CLAIM))) {
            throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "FORBIDDEN", "This is another agent's");
        }
    }
}
