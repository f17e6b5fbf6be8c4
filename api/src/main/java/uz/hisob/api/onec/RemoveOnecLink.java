package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unlinks a project from 1C: no more runs, its stored passwords erased. */
public record RemoveOnecLink(String tenant, String projectId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.link(tenant, projectId);
    }
}
