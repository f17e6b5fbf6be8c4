package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** An agent's details; an inactive agent can no longer sign in. */
@Revision("1")
public record AgentChanged(String agentId, String projectId, String name, String phone, String onecCode, boolean active) {
}
