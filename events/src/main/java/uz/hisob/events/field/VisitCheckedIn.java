package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An agent checked in at a client at {@code at} (the device's time; {@code receivedAt} ours). {@code distanceMeters}
 * and {@code withinGeofence} are null when the client had no location. {@code flags} as field-sales.md lists them;
 * {@code steps} the checklist the visit is to answer. An unplanned visit begins with this event.
 */
@Revision("1")
public record VisitCheckedIn(String visitId, String projectId, String agentId, String clientId, Instant at, Fix location,
                             boolean mocked, String provider, Long distanceMeters, Boolean withinGeofence, int radiusMeters,
                             List<String> flags, boolean unplanned, String typeId, List<StepRef> steps, Instant receivedAt) {
}
