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
import uz.hisob.events.field.VisitCancelled;
import uz.hisob.events.field.VisitCheckedIn;
import uz.hisob.events.field.VisitCheckedOut;
import uz.hisob.events.field.VisitImageAttached;
import uz.hisob.events.field.VisitMissed;
import uz.hisob.events.field.VisitPlanned;
import uz.hisob.events.field.VisitRescheduled;
import uz.hisob.events.field.VisitStepAnswered;
import uz.hisob.events.field.VisitStepVersioned;

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

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public FieldProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
    }

    @EventHandler
    void on(ClientChanged e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        ClientDetails d = e.details();
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
        clientChanged(tenant, e.clientId(), "archived = TRUE", at, token);
    }

    @EventHandler
    void on(ClientRestored e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token) {
        clientChanged(tenant, e.clientId(), "archived = FALSE", at, token);
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
    }

    @EventHandler
    void on(VisitRescheduled e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("UPDATE field_visit SET planned_for = ?, planned_time = ?, day = ?, status = 'PLANNED', updated_at = ?, position = ? "
                        + "WHERE tenant = ? AND id = ?", Date.valueOf(e.plannedFor()),
                e.plannedTime() == null ? null : Time.valueOf(e.plannedTime()), Date.valueOf(e.plannedFor()), ts(at),
                positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitRescheduled", message, token);
    }

    @EventHandler
    void on(VisitCancelled e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("UPDATE field_visit SET status = 'CANCELLED', cancel_reason_id = ?, cancel_reason = ?, updated_at = ?, position = ? "
                + "WHERE tenant = ? AND id = ?", e.reasonId(), e.reason(), ts(at), positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitCancelled", message, token);
    }

    @EventHandler
    void on(VisitMissed e, @MetaDataValue(EventMetadata.TENANT) String tenant, @Timestamp Instant at, TrackingToken token,
            EventMessage<?> message) {
        jdbc.update("UPDATE field_visit SET status = 'MISSED', updated_at = ?, position = ? WHERE tenant = ? AND id = ?",
                ts(at), positionOf(token), tenant, e.visitId());
        history(tenant, e.visitId(), "VisitMissed", message, token);
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
