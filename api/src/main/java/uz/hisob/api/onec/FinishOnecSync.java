package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.onec.OnecCall;
import uz.hisob.events.onec.OnecError;

import java.util.List;

/** Ends the run: FAILED with the calls that failed and why, or SUCCEEDED/PARTIAL as its pages went (decided by the link). */
public record FinishOnecSync(String tenant, String projectId, String runId, boolean failed, List<OnecCall> calls, List<OnecError> errors) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.link(tenant, projectId);
    }
}
