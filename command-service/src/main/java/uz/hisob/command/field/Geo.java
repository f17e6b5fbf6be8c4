package uz.hisob.command.field;

import uz.hisob.events.field.GeoPoint;

/** Distances on the globe as field-sales.md defines them. */
public final class Geo {

    /** The mean radius of the earth (IUGG), in metres. */
    static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Geo() {
    }

    /** The great-circle (haversine) distance, in metres. */
    public static double meters(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
