package uz.hisob.events.field;

import java.time.Instant;

/** One GPS point of an agent's track, as its device reported it. */
public record TrackPoint(Instant at, double lat, double lon, Double accuracyMeters, Double speedMps, Integer battery, boolean mocked) {
}
