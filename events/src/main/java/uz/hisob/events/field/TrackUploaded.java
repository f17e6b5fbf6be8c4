package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The points of an uploaded batch that were new (not stored before for the agent and instant) and valid, in time
 * order: one event per accepted batch, never one per point.
 */
@Revision("1")
public record TrackUploaded(String agentId, String projectId, List<TrackPoint> points) {
}
