package uz.hisob.query.field.read;

import io.r2dbc.spi.Readable;
import org.springframework.http.HttpStatus;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A project's clients (field-sales.md): the list, the change feed for offline devices, one client, and the clients
 * near a place. An AGENT reads the clients assigned to it (and those assigned to nobody) in its own project.
 */
@RestController
@ReadsFrom(FieldProjection.NAME)
public class ClientReads {

    /** A client; {@code assigned} says whether an AGENT reader is (still) one of its agents, null for other roles. */
    public record ClientView(String id, String projectId, String name, String legalName, String tin, String phone, String address,
                             Location location, String onecCode, String priceListId, List<String> agentIds, List<String> tags,
                             boolean archived, Boolean assigned, Instant createdAt, Instant updatedAt) {
    }

    /** A place. */
    public record Location(double lat, double lon) {
    }

    /** A client near a place, nearest first. */
    public record NearbyClient(String id, String name, String address, Location location, String onecCode, long distanceMeters) {
    }

    /** A client with its last and next visits and its images. */
    public record ClientDetail(String id, String projectId, String name, String legalName, String tin, String phone, String address,
                               Location location, String onecCode, String priceListId, List<String> agentIds, List<String> tags,
                               boolean archived, Instant createdAt, Instant updatedAt, VisitRef lastVisit, VisitRef nextPlannedVisit,
                               List<ClientImage> images) {
    }

    /** A visit as a client shows it. */
    public record VisitRef(String id, String agentId, String status, LocalDate plannedFor, Instant checkedInAt, Instant checkedOutAt) {
    }

    /** An image of a client. */
    public record ClientImage(String imageId, String kind, Instant attachedAt) {
    }

    /** A page of the change feed. */
    public record Changes(List<ClientView> items, String nextCursor, boolean hasMore) {
    }

    static final int MAX_CHANGES = 1000;
    static final int MAX_NEARBY_METERS = 50_000;
    private static final String COLUMNS = "id, project_id, name, legal_name, tin, phone, address, lat, lon, onec_code, price_list_id, "
            + "agent_ids, tags, archived, created_at, updated_at";
    /** Great-circle (haversine) metres from :lat/:lon, the mean earth radius as the command side's. */
    private static final String HAVERSINE = "(2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(lat - :lat) / 2), 2) "
            + "+ cos(radians(:lat)) * cos(radians(lat)) * power(sin(radians(lon - :lon) / 2), 2)))))";

    private final DatabaseClient db;
    private final ProjectReads projects;

    public ClientReads(DatabaseClient db, ProjectReads projects) {
        this.db = db;
        this.projects = projects;
    }

    /** Clients by name then id: {@code q} finds a part of a name or address, or a whole TIN, phone or 1C code. */
    @GetMapping("/api/projects/{projectId}/clients")
    public Mono<Page<ClientView>> clients(@PathVariable String projectId, Caller caller, PageRequest page,
                                          @RequestParam(required = false) String q, @RequestParam(required = false) String agentId,
                                          @RequestParam(required = false) String tag, @RequestParam(required = false) Boolean archived) {
        FieldReader.requireProject(caller, projectId);
        String agent = FieldReader.agentOf(caller);
        StringBuilder where = new StringBuilder("FROM field_client WHERE tenant = :tenant AND project_id = :project AND archived = :archived");
        boolean byText = q != null && !q.isBlank();
        if (byText) {
            where.append(" AND (name_key LIKE :like ESCAPE '\\' OR lower(coalesce(legal_name, '')) LIKE :like ESCAPE '\\' "
                    + "OR lower(coalesce(address, '')) LIKE :like ESCAPE '\\' OR tin = :q OR phone = :q OR onec_code = :q)");
        }
        if (agent != null) {
            where.append(" AND (cardinality(agent_ids) = 0 OR :agent = ANY(agent_ids))");
        }
        if (agentId != null) {
            where.append(" AND :agentId = ANY(agent_ids)");
        }
        if (tag != null) {
            where.append(" AND :tag = ANY(tags)");
        }
        String text = byText ? q.trim() : null;
        if (!byText && agentId == null && tag == null) {
            return plainPage(caller, projectId, agent, Boolean.TRUE.equals(archived), page, where.toString());
        }
        return projects.exists(caller, projectId).then(WindowedPages.page(db, COLUMNS, where.toString(), "ORDER BY name_key, id", spec -> {
            spec = spec.bind("tenant", caller.tenant()).bind("project", projectId).bind("archived", Boolean.TRUE.equals(archived));
            if (byText) {
                spec = spec.bind("q", text).bind("like", "%" + like(text.toLowerCase(java.util.Locale.ROOT)) + "%");
            }
            if (agent != null) {
                spec = spec.bind("agent", agent);
            }
            if (agentId != null) {
                spec = spec.bind("agentId", agentId);
            }
            return tag == null ? spec : spec.bind("tag", tag);
        }, page, r -> client(r, null)));
    }

    /**
     * A page of the whole list (or of an agent's): the rows by the name index, the total from the counts the
     * projection keeps ({@code field_client_count}), not from counting every client of the project per page.
     */
    private Mono<Page<ClientView>> plainPage(Caller caller, String projectId, String agent, boolean archived, PageRequest page, String where) {
        // the page's keys first, from the name index alone (a deep page walks index entries, not rows), then its rows
        String keys = "SELECT id AS page_id, name_key AS page_key " + where + " ORDER BY name_key, id LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec rows = db.sql("SELECT " + COLUMNS + " FROM (" + keys + ") page JOIN field_client c "
                        + "ON c.tenant = :tenant AND c.id = page.page_id ORDER BY page.page_key, page.page_id")
                .bind("tenant", caller.tenant()).bind("project", projectId).bind("archived", archived)
                .bind("limit", page.size()).bind("offset", page.offset());
        if (agent != null) {
            rows = rows.bind("agent", agent);
        }
        Mono<List<ClientView>> items = rows.map(r -> client(r, null)).all().collectList();
        // the total, and whether the project exists at all (404), in one round trip
        Mono<Long> total = db.sql("SELECT EXISTS (SELECT 1 FROM field_project WHERE tenant = :tenant AND id = :project) AS found, "
                        + "(SELECT coalesce(sum(n), 0) FROM field_client_count WHERE tenant = :tenant AND project_id = :project "
                        + "AND archived = :archived AND agent_id IN (:keys)) AS total")
                .bind("tenant", caller.tenant()).bind("project", projectId).bind("archived", archived)
                .bind("keys", agent == null ? List.of("*") : List.of("", agent))
                .map(r -> Boolean.TRUE.equals(r.get("found", Boolean.class)) ? ((Number) r.get("total")).longValue() : -1L).one();
        return Mono.zip(items, total).flatMap(t -> t.getT2() < 0 ? Mono.error(ApiException.notFound("Project"))
                : Mono.just(Page.of(t.getT1(), page, t.getT2())));
    }

    /**
     * Every client created, changed, archived or restored after {@code cursor}, oldest change first. The order is the
     * projection's own ({@code field_client_change_seq}, taken in its transactions one batch after the other), so a
     * device that follows {@code nextCursor} sees every change once, whatever is written meanwhile. A cursor of a
     * read model since rebuilt is 410 {@code CURSOR_EXPIRED}: the device starts again without one.
     */
    @GetMapping("/api/projects/{projectId}/clients/changes")
    public Mono<Changes> changes(@PathVariable String projectId, Caller caller, @RequestParam(required = false) String cursor,
                                 @RequestParam(required = false) Integer limit) {
        FieldReader.requireProject(caller, projectId);
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > MAX_CHANGES) {
            return Mono.error(ApiException.invalid("limit", "must be between 1 and " + MAX_CHANGES));
        }
        long[] position = cursor == null ? null : decode(cursor);
        String agent = FieldReader.agentOf(caller);
        Mono<Integer> generation = db.sql("SELECT generation FROM projection_generation WHERE projection = 'field'")
                .map(r -> ((Number) r.get(0)).intValue()).one().defaultIfEmpty(1);
        return projects.exists(caller, projectId).then(generation).flatMap(gen -> {
            if (position != null && position[0] != gen) {
                return Mono.error(new ApiException(HttpStatus.GONE, "CURSOR_EXPIRED",
                        "The clients were rebuilt since this cursor: start again without one"));
            }
            long after = position == null ? 0 : position[1];
            String visible = agent == null ? "" : " AND (cardinality(agent_ids) = 0 OR :agent = ANY(agent_ids) OR :agent = ANY(former_agent_ids))";
            DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + ", change_seq FROM field_client WHERE tenant = :tenant "
                            + "AND project_id = :project AND change_seq > :after" + visible + " ORDER BY change_seq LIMIT :limit")
                    .bind("tenant", caller.tenant()).bind("project", projectId).bind("after", after).bind("limit", max + 1);
            if (agent != null) {
                spec = spec.bind("agent", agent);
            }
            return spec.map(r -> Map.entry(client(r, agent), ((Number) r.get("change_seq")).longValue())).all().collectList().map(rows -> {
                boolean more = rows.size() > max;
                List<Map.Entry<ClientView, Long>> page = more ? rows.subList(0, max) : rows;
                long last = page.isEmpty() ? after : page.getLast().getValue();
                return new Changes(page.stream().map(Map.Entry::getKey).toList(), encode(gen, last), more);
            });
        });
    }

    @GetMapping("/api/projects/{projectId}/clients/nearby")
    public Mono<Page<NearbyClient>> nearby(@PathVariable String projectId, Caller caller, PageRequest page,
                                           @RequestParam Double lat, @RequestParam Double lon,
                                           @RequestParam(required = false) Integer radiusMeters) {
        FieldReader.requireProject(caller, projectId);
        if (lat < -90 || lat > 90) {
            return Mono.error(ApiException.invalid("lat", "must be between -90 and 90"));
        }
        if (lon < -180 || lon > 180) {
            return Mono.error(ApiException.invalid("lon", "must be between -180 and 180"));
        }
        int radius = radiusMeters == null ? 1000 : radiusMeters;
        if (radius < 1 || radius > MAX_NEARBY_METERS) {
            return Mono.error(ApiException.invalid("radiusMeters", "must be between 1 and " + MAX_NEARBY_METERS));
        }
        String agent = FieldReader.agentOf(caller);
        String from = "FROM field_client WHERE tenant = :tenant AND project_id = :project AND lat IS NOT NULL AND NOT archived "
                + "AND earth_box(ll_to_earth(:lat, :lon), :box) @> ll_to_earth(lat, lon) AND " + HAVERSINE + " <= :radius"
                + (agent == null ? "" : " AND (cardinality(agent_ids) = 0 OR :agent = ANY(agent_ids))");
        return projects.exists(caller, projectId).then(WindowedPages.page(db, "id, name, address, lat, lon, onec_code, round(" + HAVERSINE
                        + ") AS distance", from, "ORDER BY ll_to_earth(lat, lon) <-> ll_to_earth(:lat, :lon), id", spec -> {
                    spec = spec.bind("tenant", caller.tenant()).bind("project", projectId).bind("lat", lat).bind("lon", lon)
                            // earth_box works on the sphere of earthdistance's earth(), a little larger than the mean one
                            .bind("box", radius * 1.002 + 1).bind("radius", (double) radius);
                    return agent == null ? spec : spec.bind("agent", agent);
                }, page, r -> new NearbyClient(r.get("id", String.class), r.get("name", String.class), r.get("address", String.class),
                        new Location(r.get("lat", Double.class), r.get("lon", Double.class)), r.get("onec_code", String.class),
                        ((Number) r.get("distance")).longValue())));
    }

    @GetMapping("/api/projects/{projectId}/clients/{clientId}")
    public Mono<ClientDetail> client(@PathVariable String projectId, @PathVariable String clientId, Caller caller) {
        FieldReader.requireProject(caller, projectId);
        String agent = FieldReader.agentOf(caller);
        Mono<ClientView> client = db.sql("SELECT " + COLUMNS + " FROM field_client WHERE tenant = :tenant AND project_id = :project AND id = :id")
                .bind("tenant", caller.tenant()).bind("project", projectId).bind("id", clientId).map(r -> client(r, agent)).one()
                .filter(c -> agent == null || Boolean.TRUE.equals(c.assigned()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Client")));
        Mono<List<VisitRef>> last = visits(caller, clientId, "status = 'COMPLETED' ORDER BY checked_out_at DESC LIMIT 1");
        Mono<List<VisitRef>> next = visits(caller, clientId, "status = 'PLANNED' AND day >= (SELECT (now() AT TIME ZONE p.timezone)::date "
                + "FROM field_project p WHERE p.tenant = v.tenant AND p.id = v.project_id) ORDER BY day, planned_time NULLS LAST, id LIMIT 1");
        Mono<List<ClientImage>> images = db.sql("SELECT image_id, kind, attached_at FROM field_client_image WHERE tenant = :tenant "
                        + "AND client_id = :id ORDER BY attached_at, image_id").bind("tenant", caller.tenant()).bind("id", clientId)
                .map(r -> new ClientImage(r.get("image_id", String.class), r.get("kind", String.class),
                        r.get("attached_at", OffsetDateTime.class).toInstant())).all().collectList();
        return Mono.zip(client, last, next, images).map(t -> {
            ClientView c = t.getT1();
            return new ClientDetail(c.id(), c.projectId(), c.name(), c.legalName(), c.tin(), c.phone(), c.address(), c.location(),
                    c.onecCode(), c.priceListId(), c.agentIds(), c.tags(), c.archived(), c.createdAt(), c.updatedAt(),
                    t.getT2().isEmpty() ? null : t.getT2().getFirst(), t.getT3().isEmpty() ? null : t.getT3().getFirst(), t.getT4());
        });
    }

    private Mono<List<VisitRef>> visits(Caller caller, String clientId, String condition) {
        return db.sql("SELECT id, agent_id, status, planned_for, checked_in_at, checked_out_at FROM field_visit v "
                        + "WHERE tenant = :tenant AND client_id = :client AND " + condition)
                .bind("tenant", caller.tenant()).bind("client", clientId)
                .map(r -> new VisitRef(r.get("id", String.class), r.get("agent_id", String.class), r.get("status", String.class),
                        r.get("planned_for", LocalDate.class), instant(r, "checked_in_at"), instant(r, "checked_out_at")))
                .all().collectList();
    }

    static ClientView client(Readable r, String agent) {
        Double lat = r.get("lat", Double.class);
        List<String> agents = List.of(r.get("agent_ids", String[].class));
        return new ClientView(r.get("id", String.class), r.get("project_id", String.class), r.get("name", String.class),
                r.get("legal_name", String.class), r.get("tin", String.class), r.get("phone", String.class), r.get("address", String.class),
                lat == null ? null : new Location(lat, r.get("lon", Double.class)), r.get("onec_code", String.class),
                r.get("price_list_id", String.class), agents, List.of(r.get("tags", String[].class)),
                Boolean.TRUE.equals(r.get("archived", Boolean.class)), agent == null ? null : agents.isEmpty() || agents.contains(agent),
                r.get("created_at", OffsetDateTime.class).toInstant(), r.get("updated_at", OffsetDateTime.class).toInstant());
    }

    static Instant instant(Readable r, String column) {
        OffsetDateTime t = r.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String encode(int generation, long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((generation + "." + seq).getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return new long[] {Integer.parseInt(parts[0]), Long.parseLong(parts[1])};
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "is not a cursor this service gave");
        }
    }
}
