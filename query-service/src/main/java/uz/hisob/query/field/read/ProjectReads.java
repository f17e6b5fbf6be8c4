package uz.hisob.query.field.read;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Projects, their agents, dictionaries and checklists (field-sales.md); an AGENT reads its own project only. */
@RestController
@ReadsFrom(FieldProjection.NAME)
public class ProjectReads {

    /** A project; {@code onec} is null until the project is linked to 1C (onec.md). */
    public record ProjectView(String id, String name, String timezone, Geofence geofence, int minVisitMinutes,
                              boolean learnClientLocation, Object onec, Instant createdAt, Instant updatedAt) {

        /** As an AGENT sees it: the project's link to 1C is its managers' business. */
        ProjectView forAgent() {
            return new ProjectView(id, name, timezone, geofence, minVisitMinutes, learnClientLocation, null, createdAt, updatedAt);
        }
    }

    /** A project's geofence. */
    public record Geofence(int radiusMeters, String policy) {
    }

    /** An agent of a project. */
    public record AgentView(String id, String projectId, String username, String name, String phone, String onecCode, boolean active) {
    }

    /** A dictionary entry. */
    public record ReferenceView(String id, String name, int order, boolean active) {
    }

    /** A checklist step in its current version. */
    public record StepView(String id, int version, String title, String kind, boolean required, List<String> options,
                           List<String> visitTypeIds, int order) {
    }

    static final Set<String> KINDS = Set.of("visit-types", "visit-priorities", "cancel-reasons", "visit-outcomes");
    private static final String PROJECT = "id, name, timezone, radius_meters, policy, min_visit_minutes, learn_client_location, onec, created_at, updated_at";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final DatabaseClient db;

    public ProjectReads(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/projects")
    public Mono<Page<ProjectView>> projects(Caller caller, PageRequest page) {
        String agentProject = FieldReader.isAgent(caller) ? caller.scope(uz.hisob.events.field.FieldRoles.PROJECT_CLAIM) : null;
        return WindowedPages.page(db, PROJECT, "FROM field_project WHERE tenant = :tenant"
                + (agentProject != null ? " AND id = :project" : ""), "ORDER BY lower(name), id", spec -> {
            spec = spec.bind("tenant", caller.tenant());
            return agentProject == null ? spec : spec.bind("project", agentProject);
        }, page, agentProject == null ? ProjectReads::project : r -> project(r).forAgent());
    }

    @GetMapping("/api/projects/{projectId}")
    public Mono<ProjectView> project(@PathVariable String projectId, Caller caller) {
        FieldReader.requireProject(caller, projectId);
        return db.sql("SELECT " + PROJECT + " FROM field_project WHERE tenant = :tenant AND id = :id")
                .bind("tenant", caller.tenant()).bind("id", projectId)
                .map(r -> FieldReader.isAgent(caller) ? project(r).forAgent() : project(r)).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Project")));
    }

    @GetMapping("/api/projects/{projectId}/agents")
    public Mono<Page<AgentView>> agents(@PathVariable String projectId, Caller caller, PageRequest page,
                                        @RequestParam(required = false) Boolean active) {
        FieldReader.requireProject(caller, projectId);
        return exists(caller, projectId).then(WindowedPages.page(db, "id, project_id, username, name, phone, onec_code, active",
                "FROM field_agent WHERE tenant = :tenant AND project_id = :project" + (active == null ? "" : " AND active = :active"),
                "ORDER BY lower(name), id", spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("project", projectId);
                    return active == null ? spec : spec.bind("active", active);
                }, page, r -> new AgentView(r.get("id", String.class), r.get("project_id", String.class), r.get("username", String.class),
                        r.get("name", String.class), r.get("phone", String.class), r.get("onec_code", String.class),
                        Boolean.TRUE.equals(r.get("active", Boolean.class)))));
    }

    @GetMapping("/api/projects/{projectId}/references/{kind}")
    public Mono<Page<ReferenceView>> references(@PathVariable String projectId, @PathVariable String kind, Caller caller, PageRequest page,
                                                @RequestParam(required = false) Boolean active) {
        FieldReader.requireProject(caller, projectId);
        if (!KINDS.contains(kind)) {
            return Mono.error(ApiException.notFound("Dictionary"));
        }
        return exists(caller, projectId).then(WindowedPages.page(db, "id, name, ord, active",
                "FROM field_reference WHERE tenant = :tenant AND project_id = :project AND kind = :kind"
                        + (active == null ? "" : " AND active = :active"), "ORDER BY ord, id", spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("project", projectId).bind("kind", kind);
                    return active == null ? spec : spec.bind("active", active);
                }, page, r -> new ReferenceView(r.get("id", String.class), r.get("name", String.class), num(r, "ord"),
                        Boolean.TRUE.equals(r.get("active", Boolean.class)))));
    }

    @GetMapping("/api/projects/{projectId}/visit-steps")
    public Mono<Page<StepView>> steps(@PathVariable String projectId, Caller caller, PageRequest page) {
        FieldReader.requireProject(caller, projectId);
        return exists(caller, projectId).then(WindowedPages.page(db, "id, version, title, kind, required, options, visit_type_ids, ord",
                "FROM field_visit_step WHERE tenant = :tenant AND project_id = :project AND is_current", "ORDER BY ord, id",
                spec -> spec.bind("tenant", caller.tenant()).bind("project", projectId), page, ProjectReads::step));
    }

    /** A route: an agent's clients in visiting order, on ISO weekdays. */
    public record RouteView(String id, String agentId, String name, List<Integer> weekdays, List<String> clientIds, String typeId,
                            Instant updatedAt) {
    }

    @GetMapping("/api/projects/{projectId}/routes")
    public Mono<Page<RouteView>> routes(@PathVariable String projectId, Caller caller, PageRequest page,
                                        @RequestParam(required = false) String agentId) {
        FieldReader.requireProject(caller, projectId);
        String agent = FieldReader.agentOf(caller) != null ? FieldReader.agentOf(caller) : agentId;
        return exists(caller, projectId).then(WindowedPages.page(db, "id, agent_id, name, weekdays, client_ids, type_id, updated_at",
                "FROM field_route WHERE tenant = :tenant AND project_id = :project" + (agent == null ? "" : " AND agent_id = :agent"),
                "ORDER BY lower(name), id", spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("project", projectId);
                    return agent == null ? spec : spec.bind("agent", agent);
                }, page, r -> new RouteView(r.get("id", String.class), r.get("agent_id", String.class), r.get("name", String.class),
                        List.of(r.get("weekdays", Integer[].class)), List.of(r.get("client_ids", String[].class)), r.get("type_id", String.class),
                        r.get("updated_at", OffsetDateTime.class).toInstant())));
    }

    static StepView step(Readable r) {
        return new StepView(r.get("id", String.class), num(r, "version"), r.get("title", String.class), r.get("kind", String.class),
                Boolean.TRUE.equals(r.get("required", Boolean.class)), List.of(r.get("options", String[].class)),
                List.of(r.get("visit_type_ids", String[].class)), num(r, "ord"));
    }

    /** 404 for a project the tenant does not have. */
    public Mono<Void> exists(Caller caller, String projectId) {
        return db.sql("SELECT 1 FROM field_project WHERE tenant = :tenant AND id = :id").bind("tenant", caller.tenant())
                .bind("id", projectId).map(r -> 1).one().switchIfEmpty(Mono.error(() -> ApiException.notFound("Project"))).then();
    }

    private static ProjectView project(Readable r) {
        return new ProjectView(r.get("id", String.class), r.get("name", String.class), r.get("timezone", String.class),
                new Geofence(num(r, "radius_meters"), r.get("policy", String.class)), num(r, "min_visit_minutes"),
                Boolean.TRUE.equals(r.get("learn_client_location", Boolean.class)), onec(r.get("onec", String.class)),
                r.get("created_at", OffsetDateTime.class).toInstant(), r.get("updated_at", OffsetDateTime.class).toInstant());
    }

    /** The 1C link as the project shows it (onec.md): no password, whether one is set. */
    private static Object onec(String link) {
        return link == null ? null : JSON.readTree(link);
    }

    static int num(Readable r, String column) {
        return ((Number) r.get(column)).intValue();
    }
}
