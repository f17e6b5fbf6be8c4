package uz.hisob.query.field.read;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.field.FieldReader;
import uz.hisob.query.field.projection.FieldProjection;
import uz.hisob.query.platform.ReadsFrom;
import uz.hisob.query.platform.WindowedPages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static uz.hisob.query.field.read.ClientReads.instant;

/**
 * Agents' tracks and days, and the live map's positions (field-sales.md, "GPS tracks"). An AGENT reads its own track
 * and day only (another agent's is 403, another project's agent 404).
 */
@RestController
@ReadsFrom(FieldProjection.NAME)
public class TrackReads {

    /** One stored point; {@code flags} holds {@code IMPOSSIBLE_SPEED} for a GPS jump. */
    public record Point(Instant at, double lat, double lon, Double accuracyMeters, Double speedMps, Integer battery, boolean mocked,
                        List<String> flags) {
    }

    /** A stay of at least 2 minutes within 50 m; {@code clientId} the client within the project's radius, if any. */
    public record Stop(Instant from, Instant to, double lat, double lon, String clientId) {
    }

    /** An agent's day's track. */
    public record Track(String agentId, LocalDate date, List<Point> points, List<double[]> simplified, long distanceMeters,
                        List<Stop> stops) {
    }

    /** An agent as the live map shows it. */
    public record Live(String agentId, String name, boolean active, LastPoint lastPoint, Long ageSeconds, InProgress visitInProgress) {
    }

    /** An agent's newest point. */
    public record LastPoint(Instant at, double lat, double lon, Double accuracyMeters, Integer battery) {
    }

    /** The visit an agent is on. */
    public record InProgress(String visitId, String clientId, Instant checkedInAt) {
    }

    /** A visit of an agent's day. */
    public record DayVisit(String id, String clientId, String clientName, String status, LocalTime plannedTime, Instant checkedInAt,
                           Instant checkedOutAt, Long durationSeconds, List<String> flags) {
    }

    /** An agent's day. */
    public record Day(String agentId, LocalDate date, List<DayVisit> planned, List<DayVisit> unplanned, long timeOnSiteSeconds,
                      long distanceMeters, Instant firstCheckIn, Instant lastCheckOut) {
    }

    /** The Douglas–Peucker tolerance of {@code simplified}, in metres. */
    static final double SIMPLIFY_METERS = 10;
    static final double STOP_METERS = 50;
    static final long STOP_SECONDS = 120;

    private final DatabaseClient db;

    public TrackReads(DatabaseClient db) {
        this.db = db;
    }

    /** An agent's project, zone and the project's radius; 404 for an agent the tenant does not have. */
    private record AgentOf(String projectId, ZoneId zone, int radius) {
    }

    private Mono<AgentOf> agent(Caller caller, String agentId) {
        return db.sql("SELECT a.project_id, p.timezone, p.radius_meters FROM field_agent a JOIN field_project p ON p.tenant = a.tenant "
                        + "AND p.id = a.project_id WHERE a.tenant = :tenant AND a.id = :id").bind("tenant", caller.tenant()).bind("id", agentId)
                .map(r -> new AgentOf(r.get("project_id", String.class), ZoneId.of(r.get("timezone", String.class)),
                        ((Number) r.get("radius_meters")).intValue())).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Agent")))
                .doOnNext(a -> FieldReader.requireOwn(caller, a.projectId(), agentId));
    }

    @GetMapping("/api/agents/{agentId}/track")
    public Mono<Track> track(@PathVariable String agentId, @RequestParam LocalDate date, Caller caller) {
        return agent(caller, agentId).flatMap(a -> points(caller.tenant(), agentId, date, a.zone()).flatMap(points -> {
            List<Point> moving = points.stream().filter(p -> p.flags().isEmpty()).toList();
            List<Stop> stops = stops(moving);
            return Flux.fromIterable(stops).concatMap(s -> nearestClient(caller.tenant(), a, s)).collectList()
                    .map(matched -> new Track(agentId, date, points, simplify(moving), Math.round(distance(moving)), matched));
        }));
    }

    private Mono<List<Point>> points(String tenant, String agentId, LocalDate date, ZoneId zone) {
        return db.sql("SELECT at, lat, lon, accuracy, speed, battery, mocked, impossible FROM field_track_point WHERE tenant = :tenant "
                        + "AND agent_id = :agent AND at >= :from AND at < :to ORDER BY at")
                .bind("tenant", tenant).bind("agent", agentId)
                .bind("from", date.atStartOfDay(zone).toOffsetDateTime()).bind("to", date.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .map(r -> new Point(instant(r, "at"), r.get("lat", Double.class), r.get("lon", Double.class), r.get("accuracy", Double.class),
                        r.get("speed", Double.class), (Integer) r.get("battery"), Boolean.TRUE.equals(r.get("mocked", Boolean.class)),
                        Boolean.TRUE.equals(r.get("impossible", Boolean.class)) ? List.of("IMPOSSIBLE_SPEED") : List.of()))
                .all().collectList();
    }

    private Mono<Stop> nearestClient(String tenant, AgentOf a, Stop stop) {
        return db.sql("SELECT id, lat, lon FROM field_client WHERE tenant = :tenant AND project_id = :project AND lat IS NOT NULL "
                        + "AND NOT archived ORDER BY ll_to_earth(lat, lon) <-> ll_to_earth(:lat, :lon) LIMIT 1")
                .bind("tenant", tenant).bind("project", a.projectId()).bind("lat", stop.lat()).bind("lon", stop.lon())
                .map(r -> FieldProjection.haversine(stop.lat(), stop.lon(), r.get("lat", Double.class), r.get("lon", Double.class)) <= a.radius()
                        ? r.get("id", String.class) : "")
                .one().defaultIfEmpty("")
                .map(id -> new Stop(stop.from(), stop.to(), stop.lat(), stop.lon(), id.isEmpty() ? null : id));
    }

    /** The path's length: the great-circle distances between consecutive points, GPS jumps left out. */
    static double distance(List<Point> moving) {
        double meters = 0;
        for (int i = 1; i < moving.size(); i++) {
            Point a = moving.get(i - 1);
            Point b = moving.get(i);
            meters += FieldProjection.haversine(a.lat(), a.lon(), b.lat(), b.lon());
        }
        return meters;
    }

    /**
     * The path simplified by Douglas–Peucker (JTS) with a tolerance of 10 m, computed on a local plane in metres (an
     * equirectangular projection about the first point: exact enough over a city's day), back in degrees.
     */
    static List<double[]> simplify(List<Point> moving) {
        if (moving.size() < 3) {
            return moving.stream().map(p -> new double[] {p.lat(), p.lon()}).toList();
        }
        double lat0 = moving.getFirst().lat();
        double lon0 = moving.getFirst().lon();
        double metersPerDegLat = Math.toRadians(6_371_008.8);
        double metersPerDegLon = metersPerDegLat * Math.cos(Math.toRadians(lat0));
        Coordinate[] plane = moving.stream().map(p -> new Coordinate((p.lon() - lon0) * metersPerDegLon, (p.lat() - lat0) * metersPerDegLat))
                .toArray(Coordinate[]::new);
        LineString line = new GeometryFactory().createLineString(plane);
        List<double[]> simplified = new ArrayList<>();
        for (Coordinate c : DouglasPeuckerSimplifier.simplify(line, SIMPLIFY_METERS).getCoordinates()) {
            simplified.add(new double[] {lat0 + c.y / metersPerDegLat, lon0 + c.x / metersPerDegLon});
        }
        return simplified;
    }

    /** Stays of at least 2 minutes within 50 m of where they began, in time order; each at the mean of its points. */
    static List<Stop> stops(List<Point> moving) {
        List<Stop> stops = new ArrayList<>();
        int i = 0;
        while (i < moving.size()) {
            Point anchor = moving.get(i);
            int j = i + 1;
            while (j < moving.size() && FieldProjection.haversine(anchor.lat(), anchor.lon(), moving.get(j).lat(), moving.get(j).lon()) <= STOP_METERS) {
                j++;
            }
            Point last = moving.get(j - 1);
            if (java.time.Duration.between(anchor.at(), last.at()).toSeconds() >= STOP_SECONDS) {
                double lat = 0;
                double lon = 0;
                for (int k = i; k < j; k++) {
                    lat += moving.get(k).lat();
                    lon += moving.get(k).lon();
                }
                stops.add(new Stop(anchor.at(), last.at(), lat / (j - i), lon / (j - i), null));
                i = j;
            } else {
                i++;
            }
        }
        return stops;
    }

    @GetMapping("/api/projects/{projectId}/agents/live")
    public Mono<Page<Live>> live(@PathVariable String projectId, Caller caller, PageRequest page) {
        FieldReader.requireProject(caller, projectId);
        Instant now = Instant.now();
        return db.sql("SELECT 1 FROM field_project WHERE tenant = :tenant AND id = :id").bind("tenant", caller.tenant()).bind("id", projectId)
                .map(r -> 1).one().switchIfEmpty(Mono.error(() -> ApiException.notFound("Project")))
                .then(WindowedPages.page(db, "a.id, a.name, a.active, p.at, p.lat, p.lon, p.accuracy, p.battery, v.id AS visit_id, v.client_id, "
                                + "v.checked_in_at", "FROM field_agent a LEFT JOIN field_agent_position p ON p.tenant = a.tenant AND p.agent_id = a.id "
                                + "LEFT JOIN field_visit v ON v.tenant = a.tenant AND v.agent_id = a.id AND v.status = 'IN_PROGRESS' "
                                + "WHERE a.tenant = :tenant AND a.project_id = :project", "ORDER BY lower(a.name), a.id",
                        spec -> spec.bind("tenant", caller.tenant()).bind("project", projectId), page, r -> {
                            Instant at = instant(r, "at");
                            LastPoint last = at == null ? null : new LastPoint(at, r.get("lat", Double.class), r.get("lon", Double.class),
                                    r.get("accuracy", Double.class), (Integer) r.get("battery"));
                            String visit = r.get("visit_id", String.class);
                            return new Live(r.get("id", String.class), r.get("name", String.class),
                                    Boolean.TRUE.equals(r.get("active", Boolean.class)), last,
                                    at == null ? null : Math.max(0, java.time.Duration.between(at, now).toSeconds()),
                                    visit == null ? null : new InProgress(visit, r.get("client_id", String.class), instant(r, "checked_in_at")));
                        }));
    }

    @GetMapping("/api/agents/{agentId}/days/{date}")
    public Mono<Day> day(@PathVariable String agentId, @PathVariable("date") String day, Caller caller) {
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            return Mono.error(ApiException.invalid("date", "must be a date yyyy-MM-dd"));
        }
        return agent(caller, agentId).flatMap(a -> {
            // the day's plan in route order (the route's clients' order, then the planned time), and whatever was done that day
            Mono<List<DayVisit[]>> visits = db.sql("SELECT v.id, v.client_id, c.name, v.status, v.planned_time, v.checked_in_at, "
                            + "v.checked_out_at, v.duration_seconds, v.flags, v.unplanned, v.day = :day AS of_day FROM field_visit v "
                            + "LEFT JOIN field_client c ON c.tenant = v.tenant AND c.id = v.client_id "
                            + "LEFT JOIN field_route r ON r.tenant = v.tenant AND r.id = v.route_id "
                            + "WHERE v.tenant = :tenant AND v.agent_id = :agent AND (v.day = :day OR (v.checked_in_at >= :from AND v.checked_in_at < :to)) "
                            + "ORDER BY v.planned_time NULLS LAST, array_position(r.client_ids, v.client_id::text) NULLS LAST, "
                            + "v.checked_in_at NULLS LAST, v.id")
                    .bind("tenant", caller.tenant()).bind("agent", agentId).bind("day", date)
                    .bind("from", date.atStartOfDay(a.zone()).toOffsetDateTime()).bind("to", date.plusDays(1).atStartOfDay(a.zone()).toOffsetDateTime())
                    .map(r -> {
                        Number duration = (Number) r.get("duration_seconds");
                        DayVisit v = new DayVisit(r.get("id", String.class), r.get("client_id", String.class), r.get("name", String.class),
                                r.get("status", String.class), r.get("planned_time", LocalTime.class), instant(r, "checked_in_at"),
                                instant(r, "checked_out_at"), duration == null ? null : duration.longValue(), List.of(r.get("flags", String[].class)));
                        boolean ofDay = Boolean.TRUE.equals(r.get("of_day", Boolean.class));
                        boolean unplanned = Boolean.TRUE.equals(r.get("unplanned", Boolean.class));
                        // [planned of the day, unplanned of the day, checked in that day]
                        Instant in = v.checkedInAt();
                        boolean that = in != null && !LocalDate.ofInstant(in, a.zone()).isBefore(date) && !LocalDate.ofInstant(in, a.zone()).isAfter(date);
                        return new DayVisit[] {ofDay && !unplanned ? v : null, ofDay && unplanned ? v : null, that ? v : null};
                    }).all().collectList();
            return Mono.zip(visits, points(caller.tenant(), agentId, date, a.zone())).map(t -> {
                List<DayVisit> planned = t.getT1().stream().map(x -> x[0]).filter(java.util.Objects::nonNull).toList();
                List<DayVisit> unplanned = t.getT1().stream().map(x -> x[1]).filter(java.util.Objects::nonNull).toList();
                List<DayVisit> all = t.getT1().stream().map(x -> x[2]).filter(java.util.Objects::nonNull).toList();
                long onSite = all.stream().mapToLong(v -> v.durationSeconds() == null ? 0 : v.durationSeconds()).sum();
                Instant first = all.stream().map(DayVisit::checkedInAt).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
                Instant last = all.stream().map(DayVisit::checkedOutAt).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
                List<Point> moving = t.getT2().stream().filter(p -> p.flags().isEmpty()).toList();
                return new Day(agentId, date, planned, unplanned, onSite, Math.round(distance(moving)), first, last);
            });
        });
    }
}
