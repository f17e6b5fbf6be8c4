package uz.hisob.query.field.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.EventMetadata;
import uz.hisob.events.field.AgentChanged;
import uz.hisob.events.field.AgentEnrolled;
import uz.hisob.events.field.ClientArchived;
import uz.hisob.events.field.ClientChanged;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.ClientImageAttached;
import uz.hisob.events.field.ClientLocationLearned;
import uz.hisob.events.field.ClientRegistered;
import uz.hisob.events.field.ClientRestored;
import uz.hisob.events.field.ProjectCreated;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.field.ProjectUpdated;
import uz.hisob.events.field.ReferenceAdded;
import uz.hisob.events.field.ReferenceChanged;
import uz.hisob.events.field.RouteChanged;
import uz.hisob.events.field.RouteDefined;
import uz.hisob.events.field.VisitCancelled;
import uz.hisob.events.field.VisitCheckedIn;
import uz.hisob.events.field.VisitCheckedOut;
import uz.hisob.events.field.VisitImageAttached;
import uz.hisob.events.field.VisitMissed;
import uz.hisob.events.field.VisitPlanned;
import uz.hisob.events.field.VisitRescheduled;
import uz.hisob.events.field.VisitStepAnswered;
import uz.hisob.events.field.VisitStepVersioned;
import uz.hisob.events.field.TrackPoint;
import uz.hisob.events.field.TrackUploaded;

import java.sql.Date;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field-sales read model in PostgreSQL: projects, agents, dictionaries, every version of every checklist step,
 * clients (with the order of their changes for offline devices), visits, their answers, images and history. Written
 * with JDBC in the processor's transaction, which also stores its token.
 */
@Component
@ProcessingGroup(FieldProjection.NAME)
public class FieldProjection {

    public static final String NAME = "field";

    /** Faster than this from its neighbours, a point is a GPS jump (field-sales.md): kept, flagged, left out of distances. */
    static final double IMPOSSIBLE_KMH = 250;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final boolean feed;

    @org.springframework.beans.factory.annotation.Autowired
    public FieldProjection(JdbcTemplate jdbc, JsonMapper json) {
        this(jdbc, json, true);
    }

    /** {@code feed}: whether to tell live streams (not while rebuilding a generation). */
    FieldProjection(JdbcTemplate jdbc, JsonMapper json, boolean feed) {
        this.jdbc = jdbc;
        this.json = json;
        this.feed = feed;
    }

    @ResetHandler
    void reset() {
        new FieldRebuildTarget(jdbc, json).truncateActive();
    }

    // ---------------------------------------------------------------- projects, agents, dictionaries, checklists

    @EventHandler
    void on(ProjectCreated e, @Timestamp Instant at) {
        ProjectSettings s = e.settings();
        jdbc.update("INSERT INTO field_project (tenant, id, name, timezone, radius_meters, policy, min_visit_minutes, "
                        + "learn_client_location, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.tenant(), e.projectId(), s.name(), s.timezone(), s.radiusMeters(), s.policy(), s.minVisitMinutes(),
                s.learnClientLocation(), ts(at), ts(at));
    }

    @EventHandler
    void on(ProjectUpdated e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        ProjectSettings s = e.settings();
        jdbc.update("UPDATE field_project SET name = ?, timezone = ?, radius_meters = ?, policy = ?, min_visit_minutes = ?, "
                        + "learn_client_location = ?, updated_at = ? WHERE tenant = ? AND id = ?",
                s.name(), s.timezone(), s.radiusMeters(), s.policy(), s.minVisitMinutes(), s.learnClientLocation(), ts(at),
                tenant, e.projectId());
    }

    @EventHandler
    void on(AgentEnrolled e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO field_agent (tenant, id, project_id, username, name, phone, onec_code, active, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)", e.tenant(), e.agentId(), e.projectId(), e.username(), e.name(), e.phone(),
                e.onecCode(), ts(at));
    }

    @EventHandler
    void on(AgentChanged e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE field_agent SET name = ?, phone = ?, onec_code = ?, active = ? WHERE tenant = ? AND id = ?",
                e.name(), e.phone(), e.onecCode(), e.active(), tenant, e.agentId());
    }

    @EventHandler
    void on(ReferenceAdded e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("INSERT INTO field_reference (tenant, project_id, kind, id, name, ord, active) VALUES (?, ?, ?, ?, ?, ?, TRUE)",
                tenant, e.projectId(), e.kind(), e.referenceId(), e.name(), e.order());
    }

    @EventHandler
    void on(ReferenceChanged e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        jdbc.update("UPDATE field_reference SET name = ?, ord = ?, active = ? WHERE tenant = ? AND project_id = ? AND kind = ? AND id = ?",
                e.name(), e.order(), e.active(), tenant, e.projectId(), e.kind(), e.referenceId());
    }

    @EventHandler
    void on(VisitStepVersioned e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        jdbc.update("UPDATE field_visit_step SET is_current = FALSE WHERE tenant = ? AND project_id = ? AND id = ?",
                tenant, e.projectId(), e.stepId());
        jdbc.update("INSERT INTO field_visit_step (tenant, project_id, id, version, title, kind, required, options, visit_type_ids, "
                        + "ord, is_current, defined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)",
                tenant, e.projectId(), e.stepId(), e.version(), e.title(), e.kind(), e.required(), e.options().toArray(new String[0]),
                e.visitTypeIds().toArray(new String[0]), e.order(), ts(at));
    }

    @EventHandler
    void on(RouteDefined e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO field_route (tenant, id, project_id, agent_id, name, weekdays, client_ids, type_id, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.tenant(), e.routeId(), e.projectId(), e.agentId(), e.name(),
                e.weekdays().toArray(new Integer[0]), e.clientIds().toArray(new String[0]), e.typeId(), ts(at));
    }

    @EventHandler
    void on(RouteChanged e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        jdbc.update("UPDATE field_route SET agent_id = ?, name = ?, weekdays = ?, client_ids = ?, type_id = ?, updated_at = ? "
                        + "WHERE tenant = ? AND id = ?", e.agentId(), e.name(), e.weekdays().toArray(new Integer[0]),
                e.clientIds().toArray(new String[0]), e.typeId(), ts(at), tenant, e.routeId());
    }

    // ---------------------------------------------------------------- clients

    @EventHandler
    void on(ClientRegistered e, @Timestamp Instant at, TrackingToken token) {
        ClientDetails d = e.details();
        jdbc.update("INSERT INTO field_client (tenant, id, project_id, name, name_key, legal_name, tin, phone, address, lat, lon, "
                        + "onec_code, price_list_id, agent_ids, tags, created_at, updated_at, change_seq, position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('field_client_change_seq'), ?)",
                e.tenant(), e.clientId(), e.projectId(), d.name(), nameKey(d.name()), d.legalName(), d.tin(), d.phone(), d.address(),
                d.location() == null ? null : d.location().lat(), d.location() == null ? null : d.location().lon(), d.onecCode(),
                d.priceListId(), d.agentIds().toArray(new String[0]), d.tags().toArray(new String[0]), ts(at), ts(at), positionOf(token));
        count(e.tenant(), e.projectId(), false, d.agentIds(), 1);
    }

    /** Adds {@code delta} to the counts of a client's list keys: every client, and its agents or nobody's. */
    private void count(String tenant, String projectId, boolean archived, List<String> agentIds, int delta) {
        List<String> keys = new java.util.ArrayList<>();
        keys.add("*");
        keys.addAll(agentIds.isEmpty() ? List.of("") : agentIds);
        jdbc.batchUpdate("INSERT INTO field_client_count (tenant, project_id, archived, agent_id, n) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (tenant, project_id, archived, agent_id) DO UPDATE SET n = field_client_count.n + EXCLUDED.n",
                keys.stream().map(k -> new Object[] {tenant, projectId, archived, k, delta}).toList());
    }

    /** The client's project, archived flag and agents as the read model has them now. */
    private record Counted(String projectId, boolean archived, List<String> agentIds) {
    }

    private Counted counted(String tenant, String clientId) {
        return jdbc.query("SELECT project_id, archived, agent_ids FROM field_client WHERE tenant = ? AND id = ?",
                (rs, i) -> new Counted(rs.getString(1), rs.getBoolean(2), List.of((String[]) rs.getArray(3).getArray())), tenant, clientId)
                .stream().findFirst().orElse(null);
    }

    @EventHandler
    void on(ClientChanged e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        ClientDetails d = e.details();
        Counted before = counted(tenant, e.clientId());
        if (before != null && !before.agentIds().equals(d.agentIds())) {
            count(tenant, before.projectId(), before.archived(), before.agentIds(), -1);
            count(tenant, before.projectId(), before.archived(), d.agentIds(), 1);
        }
        jdbc.update("UPDATE field_client SET name = ?, name_key = ?, legal_name = ?, tin = ?, phone = ?, address = ?, lat = ?, lon = ?, "
                        + "onec_code = ?, price_list_id = ?, former_agent_ids = agent_ids, agent_ids = ?, tags = ?, updated_at = ?, "
                        + "change_seq = nextval('field_client_change_seq'), position = ? WHERE tenant = ? AND id = ?",
                d.name(), nameKey(d.name()), d.legalName(), d.tin(), d.phone(), d.address(),
                d.location() == null ? null : d.location().lat(), d.location() == null ? null : d.location().lon(), d.onecCode(),
                d.priceListId(), d.agentIds().toArray(new String[0]), d.tags().toArray(new String[0]), ts(at), positionOf(token),
                tenant, e.clientId());
    }

    @EventHandler
    void on(ClientArchived e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        moveCount(tenant, e.clientId(), true);
        clientChanged(tenant, e.clientId(), "archived = TRUE", at, token);
    }

    @EventHandler
    void on(ClientRestored e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        moveCount(tenant, e.clientId(), false);
        clientChanged(tenant, e.clientId(), "archived = FALSE", at, token);
    }

    private void moveCount(String tenant, String clientId, boolean archived) {
        Counted c = counted(tenant, clientId);
        if (c != null && c.archived() != archived) {
            count(tenant, c.projectId(), c.archived(), c.agentIds(), -1);
            count(tenant, c.projectId(), archived, c.agentIds(), 1);
        }
    }

    @EventHandler
    void on(ClientLocationLearned e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("UPDATE field_client SET lat = ?, lon = ?, updated_at = ?, change_seq = nextval('field_client_change_seq'), "
                + "position = ? WHERE tenant = ? AND id = ?", e.location().lat(), e.location().lon(), ts(at), positionOf(token),
                tenant, e.clientId());
    }

    @EventHandler
    void on(ClientImageAttached e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at) {
        jdbc.update("INSERT INTO field_client_image (tenant, client_id, image_id, kind, attached_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant, client_id, image_id) DO UPDATE SET kind = EXCLUDED.kind", tenant, e.clientId(), e.imageId(),
                e.kind(), ts(at));
    }

    private void clientChanged(String tenant, String clientId, String set, Instant at, TrackingToken token) {
        jdbc.update("UPDATE field_client SET " + set + ", updated_at = ?, change_seq = nextval('field_client_change_seq'), position = ? "
                + "WHERE tenant = ? AND id = ?", ts(at), positionOf(token), tenant, clientId);
    }

    // ---------------------------------------------------------------- visits

    @EventHandler
    void on(VisitPlanned e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("INSERT INTO field_visit (tenant, id, project_id, client_id, agent_id, planned_for, planned_time, day, type_id, "
                        + "priority_id, note, route_id, status, created_at, updated_at, position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?)",
                tenant, e.visitId(), e.projectId(), e.clientId(), e.agentId(), Date.valueOf(e.plannedFor()),
                e.plannedTime() == null ? null : Time.valueOf(e.plannedTime()), Date.valueOf(e.plannedFor()), e.typeId(),
                e.priorityId(), e.note(), e.routeId(), ts(at), ts(at), positionOf(token));
        history(tenant, e.visitId(), "VisitPlanned", message, token);
        visitChanged(tenant, e.visitId(), message);
    }

    @EventHandler
    void on(VisitRescheduled e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("UPDATE field_visit SET planned_for = ?, planned_time = ?, day = ?, status = 'PLANNED', updated_at = ?, position = ? "
                        + "WHERE tenant = ? AND id = ?", Date.valueOf(e.plannedFor()),
                e.plannedTime() == null ? null : Time.valueOf(e.plannedTime()), Date.valueOf(e.plannedFor()), ts(at),
                positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitRescheduled", message, token);
        visitChanged(tenant, e.visitId(), message);
    }

    @EventHandler
    void on(VisitCancelled e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("UPDATE field_visit SET status = 'CANCELLED', cancel_reason_id = ?, cancel_reason = ?, updated_at = ?, position = ? "
                + "WHERE tenant = ? AND id = ?", e.reasonId(), e.reason(), ts(at), positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitCancelled", message, token);
        visitChanged(tenant, e.visitId(), message);
    }

    @EventHandler
    void on(VisitMissed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("UPDATE field_visit SET status = 'MISSED', updated_at = ?, position = ? WHERE tenant = ? AND id = ?",
                ts(at), positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitMissed", message, token);
        visitChanged(tenant, e.visitId(), message);
    }

    @EventHandler
    void on(VisitCheckedIn e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        Map<String, Object> checkIn = new LinkedHashMap<>();
        checkIn.put("at", e.at().toString());
        checkIn.put("location", e.location());
        checkIn.put("mocked", e.mocked());
        checkIn.put("provider", e.provider());
        checkIn.put("distanceMeters", e.distanceMeters());
        checkIn.put("withinGeofence", e.withinGeofence());
        checkIn.put("radiusMeters", e.radiusMeters());
        checkIn.put("receivedAt", e.receivedAt().toString());
        String checkInJson = json.writeValueAsString(checkIn);
        String checklist = json.writeValueAsString(e.steps());
        String[] flags = e.flags().toArray(new String[0]);
        if (e.unplanned()) {
            LocalDate day = LocalDate.ofInstant(e.at(), zoneOf(tenant, e.projectId()));
            jdbc.update("INSERT INTO field_visit (tenant, id, project_id, client_id, agent_id, day, type_id, status, unplanned, "
                            + "checked_in_at, check_in, flags, checklist, created_at, updated_at, position) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'IN_PROGRESS', TRUE, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)",
                    tenant, e.visitId(), e.projectId(), e.clientId(), e.agentId(), Date.valueOf(day), e.typeId(), ts(e.at()), checkInJson,
                    flags, checklist, ts(at), ts(at), positionOf(token));
        } else {
            jdbc.update("UPDATE field_visit SET status = 'IN_PROGRESS', checked_in_at = ?, check_in = ?::jsonb, flags = ?, "
                            + "checklist = ?::jsonb, updated_at = ?, position = ? WHERE tenant = ? AND id = ?",
                    ts(e.at()), checkInJson, flags, checklist, ts(at), positionOf(token), tenant, e.visitId());
        }
        history(tenant, e.visitId(), "VisitCheckedIn", message, token);
        visitChanged(tenant, e.visitId(), message);
    }

    @EventHandler
    void on(VisitStepAnswered e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("INSERT INTO field_visit_answer (tenant, visit_id, step_id, version, kind, value, image_ids, answered_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, visit_id, step_id) DO UPDATE SET version = EXCLUDED.version, "
                        + "kind = EXCLUDED.kind, value = EXCLUDED.value, image_ids = EXCLUDED.image_ids, answered_at = EXCLUDED.answered_at",
                tenant, e.visitId(), e.stepId(), e.version(), e.kind(), e.value(), e.imageIds().toArray(new String[0]), ts(at));
        history(tenant, e.visitId(), "VisitStepAnswered", message, token);
    }

    @EventHandler
    void on(VisitImageAttached e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("INSERT INTO field_visit_image (tenant, visit_id, image_id, step_id, attached_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant, visit_id, image_id) DO UPDATE SET step_id = EXCLUDED.step_id", tenant, e.visitId(), e.imageId(),
                e.stepId(), ts(at));
        history(tenant, e.visitId(), "VisitImageAttached", message, token);
    }

    @EventHandler
    void on(VisitCheckedOut e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        Map<String, Object> checkOut = new LinkedHashMap<>();
        checkOut.put("at", e.at().toString());
        checkOut.put("location", e.location());
        checkOut.put("distanceMeters", e.distanceMeters());
        checkOut.put("note", e.note());
        checkOut.put("receivedAt", e.receivedAt().toString());
        jdbc.update("UPDATE field_visit SET status = 'COMPLETED', checked_out_at = ?, check_out = ?::jsonb, duration_seconds = ?, "
                        + "outcome_id = ?, flags = flags || ?, updated_at = ?, position = ? WHERE tenant = ? AND id = ?",
                ts(e.at()), json.writeValueAsString(checkOut), e.durationSeconds(), e.outcomeId(), e.flags().toArray(new String[0]),
                ts(at), positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitCheckedOut", message, token);
        visitChanged(tenant, e.visitId(), message);
    }

    // ---------------------------------------------------------------- tracks and the live map

    @EventHandler
    void on(TrackUploaded e, @MetaDataValue(EventMetadata.TENANT) String tenant) {
        List<TrackPoint> fresh = e.points();
        Instant from = fresh.getFirst().at().minusSeconds(3600);
        Instant to = fresh.getLast().at().plusSeconds(3600);
        // the stored points around the new ones: the window is judged again as a whole, since batches arrive in any order
        java.util.TreeMap<Instant, double[]> stored = new java.util.TreeMap<>();
        java.util.Map<Instant, Boolean> storedFlags = new java.util.HashMap<>();
        jdbc.query("SELECT at, lat, lon, impossible FROM field_track_point WHERE tenant = ? AND agent_id = ? AND at BETWEEN ? AND ?",
                rs -> {
                    Instant t = rs.getTimestamp(1).toInstant();
                    stored.put(t, new double[] {rs.getDouble(2), rs.getDouble(3)});
                    storedFlags.put(t, rs.getBoolean(4));
                }, tenant, e.agentId(), ts(from), ts(to));
        java.util.TreeMap<Instant, double[]> window = new java.util.TreeMap<>(stored);
        for (TrackPoint p : fresh) {
            window.put(p.at(), new double[] {p.lat(), p.lon()});
        }
        java.util.Set<Instant> jumps = jumps(window);
        List<Object[]> changed = new java.util.ArrayList<>();
        storedFlags.forEach((t, was) -> {
            if (was != jumps.contains(t)) {
                changed.add(new Object[] {jumps.contains(t), tenant, e.agentId(), ts(t)});
            }
        });
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("UPDATE field_track_point SET impossible = ? WHERE tenant = ? AND agent_id = ? AND at = ?", changed);
        }
        List<Object[]> rows = new java.util.ArrayList<>(fresh.size());
        for (TrackPoint p : fresh) {
            rows.add(new Object[] {tenant, e.agentId(), ts(p.at()), e.projectId(), p.lat(), p.lon(), p.accuracyMeters(), p.speedMps(),
                    p.battery(), p.mocked(), jumps.contains(p.at())});
        }
        jdbc.batchUpdate("INSERT INTO field_track_point (tenant, agent_id, at, project_id, lat, lon, accuracy, speed, battery, mocked, "
                + "impossible) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
        // each day the batch touched, its distance again from all its points: batches arrive in any order
        ZoneId zone = zoneOf(tenant, e.projectId());
        for (LocalDate day : fresh.stream().map(p -> LocalDate.ofInstant(p.at(), zone)).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))) {
            double[] last = null;
            double meters = 0;
            for (double[] p : jdbc.query("SELECT lat, lon FROM field_track_point WHERE tenant = ? AND agent_id = ? AND at >= ? AND at < ? "
                            + "AND NOT impossible ORDER BY at", (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}, tenant, e.agentId(),
                    ts(day.atStartOfDay(zone).toInstant()), ts(day.plusDays(1).atStartOfDay(zone).toInstant()))) {
                if (last != null) {
                    meters += haversine(last[0], last[1], p[0], p[1]);
                }
                last = p;
            }
            jdbc.update("INSERT INTO field_agent_day (tenant, agent_id, day, project_id, distance_meters) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (tenant, agent_id, day) DO UPDATE SET distance_meters = EXCLUDED.distance_meters",
                    tenant, e.agentId(), Date.valueOf(day), e.projectId(), Math.round(meters));
        }
        TrackPoint newest = fresh.getLast();
        int moved = jdbc.update("INSERT INTO field_agent_position (tenant, agent_id, project_id, at, lat, lon, accuracy, battery) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, agent_id) DO UPDATE SET at = EXCLUDED.at, lat = EXCLUDED.lat, "
                        + "lon = EXCLUDED.lon, accuracy = EXCLUDED.accuracy, battery = EXCLUDED.battery WHERE field_agent_position.at < EXCLUDED.at",
                tenant, e.agentId(), e.projectId(), ts(newest.at()), newest.lat(), newest.lon(), newest.accuracyMeters(), newest.battery());
        if (moved > 0) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("agentId", e.agentId());
            data.put("at", newest.at().toString());
            data.put("lat", newest.lat());
            data.put("lon", newest.lon());
            data.put("accuracyMeters", newest.accuracyMeters());
            data.put("battery", newest.battery());
            change(tenant, e.projectId(), "agent-location", data);
        }
    }

    /**
     * The GPS jumps of a stretch of track. A point more than 250 km/h from the last point before it that is not a
     * jump is a jump when the track comes back (a later point is within 250 km/h of that last good point: a spike, or
     * several in a row), or when it is the newest point, with nothing after it yet; when no later point comes back,
     * the agent did move, and the point is kept. The first point, which has nothing before it, is judged the same way
     * with time reversed.
     */
    static java.util.Set<Instant> jumps(java.util.NavigableMap<Instant, double[]> track) {
        java.util.Set<Instant> jumps = forwardJumps(track);
        if (track.size() > 2 && forwardJumps(track.descendingMap()).contains(track.firstKey())) {
            jumps.add(track.firstKey());
        }
        return jumps;
    }

    private static java.util.Set<Instant> forwardJumps(java.util.NavigableMap<Instant, double[]> track) {
        java.util.Set<Instant> jumps = new java.util.HashSet<>();
        Map.Entry<Instant, double[]> good = null;
        for (Map.Entry<Instant, double[]> point : track.entrySet()) {
            boolean jump = false;
            if (good != null && kmh(good, point) > IMPOSSIBLE_KMH) {
                java.util.NavigableMap<Instant, double[]> later = track.tailMap(point.getKey(), false);
                Map.Entry<Instant, double[]> from = good;
                jump = later.isEmpty() || later.entrySet().stream().anyMatch(q -> kmh(from, q) <= IMPOSSIBLE_KMH);
            }
            if (jump) {
                jumps.add(point.getKey());
            } else {
                good = point;
            }
        }
        return jumps;
    }

    private static double kmh(Map.Entry<Instant, double[]> a, Map.Entry<Instant, double[]> b) {
        double meters = haversine(a.getValue()[0], a.getValue()[1], b.getValue()[0], b.getValue()[1]);
        double seconds = Math.abs(java.time.Duration.between(a.getKey(), b.getKey()).toMillis()) / 1000.0;
        return seconds < 1 ? (meters > 70 ? Double.MAX_VALUE : 0) : meters / seconds * 3.6;
    }

    /** Great-circle metres (the mean earth radius, as the command side's). */
    public static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** A visit's status changed: the project's live stream shows it as the list does. */
    private void visitChanged(String tenant, String visitId, EventMessage<?> message) {
        if (!live()) {
            return;
        }
        jdbc.query("SELECT project_id, agent_id, client_id, status, day, flags FROM field_visit WHERE tenant = ? AND id = ?", rs -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("visitId", visitId);
            data.put("agentId", rs.getString("agent_id"));
            data.put("clientId", rs.getString("client_id"));
            data.put("status", rs.getString("status"));
            data.put("day", rs.getDate("day").toLocalDate().toString());
            data.put("flags", List.of((String[]) rs.getArray("flags").getArray()));
            data.put("at", message.getTimestamp().toString());
            change(tenant, rs.getString("project_id"), "visit", data);
        }, tenant, visitId);
    }

    private void change(String tenant, String projectId, String kind, Map<String, Object> data) {
        if (live()) {
            jdbc.update("INSERT INTO field_change (tenant, project_id, kind, data) VALUES (?, ?, ?, ?)", tenant, projectId, kind,
                    json.writeValueAsString(data));
        }
    }

    /** What a rebuild or a replay applies again, the stream's clients were told when it happened. */
    private boolean live() {
        return feed && !(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()
                && org.axonframework.eventhandling.ReplayToken.isReplay(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().getMessage()));
    }

    private void history(String tenant, String visitId, String type, EventMessage<?> message, TrackingToken token) {
        Object user = message.getMetaData().get(EventMetadata.USER);
        jdbc.update("INSERT INTO field_visit_history (tenant, visit_id, position, type, at, by_user, data) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) "
                        + "ON CONFLICT DO NOTHING", tenant, visitId, positionOf(token), type, ts(message.getTimestamp()),
                user == null ? null : user.toString(), json.writeValueAsString(message.getPayload()));
    }

    private ZoneId zoneOf(String tenant, String projectId) {
        List<String> zone = jdbc.queryForList("SELECT timezone FROM field_project WHERE tenant = ? AND id = ?", String.class, tenant, projectId);
        return ZoneId.of(zone.isEmpty() ? "Asia/Tashkent" : zone.getFirst());
    }

    /** The key lists sort clients by: the name folded to lower case (then the id). */
    static String nameKey(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
