package uz.hisob.command.field;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uz.hisob.events.field.FieldRoles;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.util.function.Function;

/**
 * Who may act on what in field sales (field-sales.md): an AGENT never sees another project (404, as if it did not
 * exist) and never acts on another agent's visit (403); MANAGER and ADMIN act on every project of their tenant.
 */
@Component
public class FieldAccess {

    private final VisitOwners owners;

    public FieldAccess(VisitOwners owners) {
        this.owners = owners;
    }

    /** True for a caller that acts as an agent (role AGENT and nothing that sees more). */
    public static boolean actsAsAgent(Caller caller) {
        return caller.hasRole(FieldRoles.AGENT) && !caller.hasRole("ADMIN") && !caller.hasRole("MANAGER");
    }

    /** An AGENT's project must be the path's: 404 otherwise. */
    public static void requireProject(Caller caller, String projectId) {
        if (actsAsAgent(caller) && !projectId.equals(caller.scope(FieldRoles.PROJECT_CLAIM))) {
            throw ApiException.notFound("Project");
        }
    }

    /** The agent id of an AGENT caller (from its token's {@code agent} claim). */
    public static String agentOf(Caller caller) {
        String agent = caller.scope(FieldRoles.AGENT_CLAIM);
        if (agent == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "The token names no agent");
        }
        return agent;
    }

    /**
     * Runs {@code command} for the visit's owner, found off the event loop: 404 for a visit that does not exist (or is
     * in another project than an AGENT's), 403 for an AGENT on another agent's visit; {@code agentOnly} lets only the
     * visit's own agent act at all.
     */
    public Mono<ResponseEntity<String>> onVisit(Caller caller, String visitId, boolean agentOnly,
                                                Function<VisitOwners.Owner, Mono<ResponseEntity<String>>> command) {
        return Blocking.run(() -> owners.find(caller.tenant(), visitId).orElseThrow(() -> ApiException.notFound("Visit")))
                .flatMap(owner -> {
                    boolean agent = actsAsAgent(caller);
                    if (agent && !owner.projectId().equals(caller.scope(FieldRoles.PROJECT_CLAIM))) {
                        return Mono.error(ApiException.notFound("Visit"));
                    }
                    if ((agent || agentOnly) && !owner.agentId().equals(caller.scope(FieldRoles.AGENT_CLAIM))) {
                        return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "This is another agent's visit"));
                    }
                    return command.apply(owner);
                });
    }

    /** A referenced agent, client or project named in a body that does not exist is a 400 on {@code field}. */
    public static Mono<ResponseEntity<String>> referenced(Mono<ResponseEntity<String>> answer, String field, String what) {
        return answer.onErrorMap(AggregateNotFoundException.class, e -> ApiException.invalid(field, "no such " + what));
    }
}
