package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes an agent's details; an inactive agent cannot sign in. */
public record ChangeAgent(String tenant, String projectId, String agentId, String name, String phone, String onecCode, boolean active) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
