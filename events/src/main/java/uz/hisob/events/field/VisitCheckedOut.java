package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** An agent left a visit: its duration, the outcome, and the flags of the check-out ({@code TOO_SHORT}, {@code CHECKOUT_OUT_OF_GEOFENCE}). */
@Revision("1")
public record VisitCheckedOut(String visitId, String projectId, String agentId, Instant at, Fix location,
                              Long distanceMeters, long durationSeconds, String outcomeId, String note, List<String> flags,
                              Instant receivedAt) {
}
