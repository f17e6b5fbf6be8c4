package uz.hisob.events.field;

import org.axonframework.serialization.Revision;

/** A client without a location got the location of an accurate check-in at it ({@code visitId}). */
@Revision("1")
public record ClientLocationLearned(String clientId, String projectId, GeoPoint location, String visitId) {
}
