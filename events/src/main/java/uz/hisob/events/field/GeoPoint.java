package uz.hisob.events.field;

/** A place on WGS 84, decimal degrees. */
public record GeoPoint(double lat, double lon) {
}
