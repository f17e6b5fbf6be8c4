package uz.hisob.events.field;

/**
 * A project's settings: its zone (days of visits end there), the geofence of check-ins ({@code radiusMeters},
 * {@code policy} {@code FLAG} or {@code REFUSE}), the shortest visit that is not flagged {@code TOO_SHORT}, and
 * whether a check-in teaches a client without a location where it is.
 */
public record ProjectSettings(String name, String timezone, int radiusMeters, String policy, int minVisitMinutes,
                              boolean learnClientLocation) {

    public static final String FLAG = "FLAG";
    public static final String REFUSE = "REFUSE";
}
