package uz.hisob.events.field;

/** Where a device said it was, how sure it was ({@code accuracyMeters}, may be null), whether it was mocked. */
public record Fix(double lat, double lon, Double accuracyMeters) {

    public GeoPoint point() {
        return new GeoPoint(lat, lon);
    }
}
