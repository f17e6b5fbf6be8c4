package uz.hisob.query.field.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.field.FieldReader;
import uz.hisob.query.field.projection.FieldProjection;
import uz.hisob.query.platform.ReadsFrom;
import uz.hisob.query.platform.WindowedPages;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static uz.hisob.query.field.read.ClientReads.instant;

/**
 * Visits (field-sales.md): a project's list, and one visit with everything that happened in it. An AGENT reads its
 * own visits only (another agent's is 403, another project's 404).
 */
@RestController
@ReadsFrom(FieldProjection.NAME)
public class VisitReads {

    /** A visit as lists show it. */
    public record VisitView(String id, String projectId, String clientId, String clientName, String agentId, LocalDate plannedFor,
                            LocalTime plannedTime, LocalDate day, String typeId, String priorityId, String routeId, String status,
                            boolean unplanned, Instant checkedInAt, Instant checkedOutAt, Long durationSeconds, Long distanceMeters,
                            List<String> flags) {
    }

    /** One visit, whole. */
    public record VisitDetail(String id, String projectId, String status, boolean unplanned, Party client, Party agent, Plan plan,
                              JsonNode checkIn, JsonNode checkOut, Long durationSeconds, String outcomeId, Cancellation cancellation,
                              List<String> flags, List<Step> steps, List<VisitImage> images, List<Object> orders,
                              List<HistoryEntry> history) {
    }

    /** Who a visit is of, or by. */
    public record Party(String id, String name, String address, ClientReads.Location location) {
    }

    /** What was planned. */
    public record Plan(LocalDate plannedFor, LocalTime plannedTime, String typeId, String priorityId, String note, String routeId) {
    }

    /** Why a visit was cancelled. */
    public record Cancellation(String reasonId, String reason) {
    }

    /** A checklist step of the visit in the version it answered (or was given), and its answer. */
    public record Step(String stepId, int version, String title, String kind, boolean required, List<String> options, Answer answer) {
    }

    /** An answer: the value as its kind (true/false, a number, a text, an option), the photos, when. */
    public record Answer(Object value, List<String> imageIds, Instant answeredAt) {
    }

    /** A photo taken in the visit. */
    public record VisitImage(String imageId, String stepId, Instant attachedAt) {
    }

    /** One event of the visit's history. */
    public record HistoryEntry(long position, String type, Instant at, String user, JsonNode data) {
    }

    static final Set<String> STATUSES = Set.of("PLANNED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "MISSED");
    private static final String COLUMNS = "v.id, v.project_id, v.client_id, c.name AS client_name, v.agent_id, v.planned_for, v.planned_time, "
            + "v.day, v.type_id, v.priority_id, v.route_id, v.status, v.unplanned, v.checked_in_at, v.checked_out_at, v.duration_seconds, "
            + "(v.check_in ->> 'distanceMeters')::bigint AS distance, v.flags";

    private final DatabaseClient db;
    private final ProjectReads projects;
    private final JsonMapper json;

    public VisitReads(DatabaseClient db, ProjectReads projects, JsonMapper json) {
        this.db = db;
        this.projects = projects;
        this.json = json;
    }

    /** A project's visits by day (planned, or of the check-in for unplanned ones) then time. */
    @GetMapping("/api/projects/{projectId}/visits")
    public Mono<Page<VisitView>> visits(@PathVariable String projectId, Caller caller, PageRequest page,
                                        @RequestParam(required = false) LocalDate date, @RequestParam(required = false) LocalDate from,
                                        @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String agentId,
                                        @RequestParam(required = false) String clientId, @RequestParam(required = false) String status,
                                        @RequestParam(required = false) String flag) {
        FieldReader.requireProject(caller, projectId);
        String own = FieldReader.agentOf(caller);
        if (own != null && agentId != null && !agentId.equals(own)) {
            return Mono.error(new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "FORBIDDEN", "An agent reads its own visits"));
        }
        String agent = own != null ? own : agentId;
        if (status != null && !STATUSES.contains(status)) {
            return Mono.error(ApiException.invalid("status", "must be one of " + new java.util.TreeSet<>(STATUSES)));
        }
        if (date != null && (from != null || to != null)) {
            return Mono.error(ApiException.invalid("date", "give date, or from and to, not both"));
        }
        if (from != null && to != null && to.isBefore(from)) {
            return Mono.error(ApiException.invalid("to", "must not be before from"));
        }
        StringBuilder where = new StringBuilder("FROM field_visit v LEFT JOIN field_client c ON c.tenant = v.tenant AND c.id = v.client_id "
                + "WHERE v.tenant = :tenant AND v.project_id = :project");
        LocalDate first = date != null ? date : from;
        LocalDate last = date != null ? date : to;
        if (first != null) {
            where.append(" AND v.day >= :first");
        }
        if (last != null) {
            where.append(" AND v.day <= :last");
        }
        if (agent != null) {
            where.append(" AND v.agent_id = :agent");
        }
        if (clientId != null) {
            where.append(" AND v.client_id = :client");
        }
        if (status != null) {
            where.append(" AND v.status = :status");
        }
        if (flag != null) {
            where.append(" AND :flag = ANY(v.flags)");
        }
        return projects.exists(caller, projectId).then(WindowedPages.page(db, COLUMNS, where.toString(),
                "ORDER BY v.day, v.planned_time NULLS LAST, v.checked_in_at NULLS LAST, v.id", spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("project", projectId);
                    if (first != null) {
                        spec = spec.bind("first", first);
                    }
                    if (last != null) {
                        spec = spec.bind("last", last);
                    }
                    if (agent != null) {
                        spec = spec.bind("agent", agent);
                    }
                    if (clientId != null) {
                        spec = spec.bind("client", clientId);
                    }
                    if (status != null) {
                        spec = spec.bind("status", status);
                    }
                    return flag == null ? spec : spec.bind("flag", flag);
                }, page, VisitReads::view));
    }

    @GetMapping("/api/visits/{visitId}")
    public Mono<VisitDetail> visit(@PathVariable String visitId, Caller caller) {
        String tenant = caller.tenant();
        Mono<Map<String, Object>> visit = db.sql("SELECT v.*, v.check_in::text AS check_in_text, v.check_out::text AS check_out_text, "
                        + "v.checklist::text AS checklist_text, c.name AS client_name, c.address AS client_address, c.lat, c.lon, "
                        + "a.name AS agent_name FROM field_visit v LEFT JOIN field_client c ON c.tenant = v.tenant AND c.id = v.client_id "
                        + "LEFT JOIN field_agent a ON a.tenant = v.tenant AND a.id = v.agent_id WHERE v.tenant = :tenant AND v.id = :id")
                .bind("tenant", tenant).bind("id", visitId).fetch().one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Visit")))
                .doOnNext(row -> FieldReader.requireOwn(caller, (String) row.get("project_id"), (String) row.get("agent_id")));
        return visit.flatMap(row -> {
            Mono<Map<String, Answer>> answers = db.sql("SELECT step_id, kind, value, image_ids, answered_at FROM field_visit_answer "
                            + "WHERE tenant = :tenant AND visit_id = :id").bind("tenant", tenant).bind("id", visitId)
                    .map(r -> Map.entry(r.get("step_id", String.class), new Answer(typed(r.get("kind", String.class), r.get("value", String.class)),
                            List.of(r.get("image_ids", String[].class)), instant(r, "answered_at"))))
                    .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
            Mono<Map<String, String>> titles = db.sql("SELECT id, version, title FROM field_visit_step WHERE tenant = :tenant AND project_id = :project")
                    .bind("tenant", tenant).bind("project", row.get("project_id"))
                    .map(r -> Map.entry(r.get("id", String.class) + "@" + r.get("version"), r.get("title", String.class)))
                    .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
            Mono<List<VisitImage>> images = db.sql("SELECT image_id, step_id, attached_at FROM field_visit_image WHERE tenant = :tenant "
                            + "AND visit_id = :id ORDER BY attached_at, image_id").bind("tenant", tenant).bind("id", visitId)
                    .map(r -> new VisitImage(r.get("image_id", String.class), r.get("step_id", String.class), instant(r, "attached_at")))
                    .all().collectList();
            Mono<List<HistoryEntry>> history = db.sql("SELECT position, type, at, by_user, data::text AS data FROM field_visit_history "
                            + "WHERE tenant = :tenant AND visit_id = :id ORDER BY position").bind("tenant", tenant).bind("id", visitId)
                    .map(r -> new HistoryEntry(((Number) r.get("position")).longValue(), r.get("type", String.class), instant(r, "at"),
                            r.get("by_user", String.class), json.readTree(r.get("data", String.class))))
                    .all().collectList();
            return Mono.zip(answers, titles, images, history).map(t -> detail(row, t.getT1(), t.getT2(), t.getT3(), t.getT4()));
        });
    }

    private VisitDetail detail(Map<String, Object> row, Map<String, Answer> answers, Map<String, String> titles, List<VisitImage> images,
                               List<HistoryEntry> history) {
        List<Step> steps = new ArrayList<>();
        String checklist = (String) row.get("checklist_text");
        Map<String, Answer> unanswered = new HashMap<>(answers);
        if (checklist != null) {
            List<Map<String, Object>> refs = json.readValue(checklist, new TypeReference<List<Map<String, Object>>>() { });
            for (Map<String, Object> ref : refs) {
                String stepId = (String) ref.get("stepId");
                int version = ((Number) ref.get("version")).intValue();
                @SuppressWarnings("unchecked")
                List<String> options = (List<String>) ref.get("options");
                steps.add(new Step(stepId, version, titles.get(stepId + "@" + version), (String) ref.get("kind"),
                        Boolean.TRUE.equals(ref.get("required")), options, unanswered.remove(stepId)));
            }
        }
        Double lat = (Double) row.get("lat");
        Party client = new Party((String) row.get("client_id"), (String) row.get("client_name"), (String) row.get("client_address"),
                lat == null ? null : new ClientReads.Location(lat, (Double) row.get("lon")));
        Party agent = new Party((String) row.get("agent_id"), (String) row.get("agent_name"), null, null);
        Plan plan = row.get("planned_for") == null ? null : new Plan((LocalDate) row.get("planned_for"), (LocalTime) row.get("planned_time"),
                (String) row.get("type_id"), (String) row.get("priority_id"), (String) row.get("note"), (String) row.get("route_id"));
        Cancellation cancellation = "CANCELLED".equals(row.get("status"))
                ? new Cancellation((String) row.get("cancel_reason_id"), (String) row.get("cancel_reason")) : null;
        String in = (String) row.get("check_in_text");
        String out = (String) row.get("check_out_text");
        return new VisitDetail((String) row.get("id"), (String) row.get("project_id"), (String) row.get("status"),
                Boolean.TRUE.equals(row.get("unplanned")), client, agent, plan, in == null ? null : json.readTree(in),
                out == null ? null : json.readTree(out), row.get("duration_seconds") == null ? null : ((Number) row.get("duration_seconds")).longValue(),
                (String) row.get("outcome_id"), cancellation, List.of((String[]) row.get("flags")), steps, images, List.of(), history);
    }

    /** An answer's value as the JSON type of its step's kind. */
    static Object typed(String kind, String value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case "CHECK" -> Boolean.valueOf(value);
            case "NUMBER" -> new BigDecimal(value);
            default -> value;
        };
    }

    static VisitView view(Readable r) {
        Number duration = (Number) r.get("duration_seconds");
        Number distance = (Number) r.get("distance");
        return new VisitView(r.get("id", String.class), r.get("project_id", String.class), r.get("client_id", String.class),
                r.get("client_name", String.class), r.get("agent_id", String.class), r.get("planned_for", LocalDate.class),
                r.get("planned_time", LocalTime.class), r.get("day", LocalDate.class), r.get("type_id", String.class),
                r.get("priority_id", String.class), r.get("route_id", String.class), r.get("status", String.class),
                Boolean.TRUE.equals(r.get("unplanned", Boolean.class)), instant(r, "checked_in_at"), instant(r, "checked_out_at"),
                duration == null ? null : duration.longValue(), distance == null ? null : distance.longValue(),
                List.of(r.get("flags", String[].class)));
    }
}
