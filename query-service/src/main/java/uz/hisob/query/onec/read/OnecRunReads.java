package uz.hisob.query.onec.read;

import io.r2dbc.spi.Readable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;
import uz.hisob.query.field.projection.FieldProjection;
import uz.hisob.query.field.read.ProjectReads;
import uz.hisob.query.platform.ChangeFeed;
import uz.hisob.query.platform.ReadsFrom;
import uz.hisob.query.platform.WindowedPages;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The run log of a project's 1C sync (onec.md), ADMIN, MANAGER and AUDITOR: {@code GET /api/projects/{p}/onec/runs}
 * (newest first), {@code …/runs/{id}}, and {@code …/runs/{id}/stream}, the run's progress as server-sent events
 * ({@code started}, {@code page} with the page's and the entity's counts and cursor, {@code finished}) from its start,
 * or after {@code Last-Event-ID}; and the keys of its {@code notify} ({@code …/onec/api-keys}, newest first).
 */
@RestController
@ReadsFrom(FieldProjection.NAME)
public class OnecRunReads {

    /** A run: its status, trigger, times, last 200 calls, what each entity received and did, its errors. */
    public record RunView(String id, String status, String trigger, boolean full, Instant startedAt, Instant finishedAt, JsonNode calls,
                          JsonNode entities, JsonNode errors) {
    }

    /** A key of the project's notify: never the key, its first characters to tell it apart. */
    public record ApiKeyView(String id, String prefix, Instant createdAt, Instant revokedAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, status, trigger, full_run, started_at, finished_at, calls, entities, errors";

    private final DatabaseClient db;
    private final ProjectReads projects;
    private final ChangeFeed feed;

    public OnecRunReads(DatabaseClient db, ProjectReads projects, ChangeFeed feed) {
        this.db = db;
        this.projects = projects;
        this.feed = feed;
    }

    @GetMapping("/api/projects/{projectId}/onec/runs")
    public Mono<Page<RunView>> runs(@PathVariable String projectId, Caller caller, PageRequest page) {
        return projects.exists(caller, projectId).then(WindowedPages.page(db, COLUMNS,
                "FROM onec_run WHERE tenant = :tenant AND project_id = :project", "ORDER BY started_at DESC, id",
                spec -> spec.bind("tenant", caller.tenant()).bind("project", projectId), page, OnecRunReads::run));
    }

    @GetMapping("/api/projects/{projectId}/onec/runs/{runId}")
    public Mono<RunView> run(@PathVariable String projectId, @PathVariable String runId, Caller caller) {
        return db.sql("SELECT " + COLUMNS + " FROM onec_run WHERE tenant = :tenant AND project_id = :project AND id = :id")
                .bind("tenant", caller.tenant()).bind("project", projectId).bind("id", runId).map(OnecRunReads::run).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Run")));
    }

    @GetMapping(path = "/api/projects/{projectId}/onec/runs/{runId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(@PathVariable String projectId, @PathVariable String runId, Caller caller,
                                                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        ChangeFeed.check(lastEventId);
        // from the run's start: a run is a few hundred pages at most, and a client opening it late sees how it went
        return run(projectId, runId, caller).thenMany(feed.stream("onec_run_change", "run_id", caller.tenant(), runId,
                lastEventId == null ? "0" : lastEventId));
    }

    @GetMapping("/api/projects/{projectId}/onec/api-keys")
    public Mono<Page<ApiKeyView>> apiKeys(@PathVariable String projectId, Caller caller, PageRequest page) {
        return projects.exists(caller, projectId).then(WindowedPages.page(db, "id, prefix, created_at, revoked_at",
                "FROM onec_api_key WHERE tenant = :tenant AND project_id = :project", "ORDER BY created_at DESC, id",
                spec -> spec.bind("tenant", caller.tenant()).bind("project", projectId), page,
                r -> new ApiKeyView(r.get("id", String.class), r.get("prefix", String.class), instant(r, "created_at"), instant(r, "revoked_at"))));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldChanges() {
        feed.forgetOlderThanADay("onec_run_change");
    }

    private static RunView run(Readable r) {
        return new RunView(r.get("id", String.class), r.get("status", String.class), r.get("trigger", String.class),
                Boolean.TRUE.equals(r.get("full_run", Boolean.class)), instant(r, "started_at"), instant(r, "finished_at"),
                JSON.readTree(r.get("calls", String.class)), JSON.readTree(r.get("entities", String.class)),
                JSON.readTree(r.get("errors", String.class)));
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime t = r.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
