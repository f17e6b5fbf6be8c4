package uz.hisob.api.field;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.field.TrackPoint;

import java.time.Instant;
import java.util.List;

/** A batch of an agent's GPS points (1..1000, any order), received at {@code receivedAt}. */
public record UploadTrack(String tenant, String agentId, List<TrackPoint> points, Instant receivedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return FieldIds.agent(tenant, agentId);
    }
}
