package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** An agent joined a project, as the user {@code username} (role AGENT, bound to the project and agent). */
@Revision("1")
public record AgentEnrolled(String tenant, String agentId, String projectId, String userId, String username, String name, String phone,
                            String onecCode) {
}
