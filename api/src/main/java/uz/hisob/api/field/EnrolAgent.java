package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a user with role AGENT bound to a project and the agent it is; the password arrives hashed. */
public record EnrolAgent(String tenant, String projectId, String agentId, String userId, String username, String passwordHash, String name, String phone, String onecCode) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
