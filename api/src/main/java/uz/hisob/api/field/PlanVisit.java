package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Plans a visit of an agent to a client: the agent's aggregate keeps its open visits. */
public record PlanVisit(String tenant, String projectId, VisitPlan plan) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, plan.agentId());
    }
}
