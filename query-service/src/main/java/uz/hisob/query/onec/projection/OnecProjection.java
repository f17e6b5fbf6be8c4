package uz.hisob.query.onec.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.events.onec.OnecApiKeyIssued;
import uz.hisob.events.onec.OnecApiKeyRevoked;
import uz.hisob.events.onec.OnecCall;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;
import uz.hisob.events.onec.OnecLinkConfigured;
import uz.hisob.events.onec.OnecLinkRemoved;
import uz.hisob.events.onec.OnecLinkSettings;
import uz.hisob.events.onec.OnecPageApplied;
import uz.hisob.events.onec.OnecSyncFinished;
import uz.hisob.events.onec.OnecSyncStarted;
import uz.hisob.query.field.projection.FieldProjection;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1C link's read model, in the field processor (a link belongs to its project): the link's settings as the
 * project shows them ({@code field_project.onec}: no password, whether one is set) and the run log ({@code onec_run}):
 * each run's status, its last 200 calls, what each entity received and did, and its errors. A run's progress also goes
 * to {@code onec_run_change} for its live stream. Written with JDBC in the processor's transaction.
 */
@Component
@ProcessingGroup(FieldProjection.NAME)
public class OnecProjection {

    /** How many calls a run keeps (onec.md: the last 200). */
    static final int CALLS = 200;
    /** How many errors a run keeps: the first ones (a run of 70 000 bad items does not need them all). */
    static final int ERRORS = 1000;
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Map<String, Object>>> ENTITIES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final boolean feed;

    @org.springframework.beans.factory.annotation.Autowired
    public OnecProjection(JdbcTemplate jdbc, JsonMapper json) {
        this(jdbc, json, true);
    }

    /** {@code feed}: whether to tell live streams (not while rebuilding a generation). */
    public OnecProjection(JdbcTemplate jdbc, JsonMapper json, boolean feed) {
        this.jdbc = jdbc;
        this.json = json;
        this.feed = feed;
    }

    @EventHandler
    void on(OnecLinkConfigured e) {
        OnecLinkSettings s = e.settings();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("wsdlUrl", s.wsdlUrl());
        shown.put("alternativeWsdlUrl", s.alternativeWsdlUrl());
        shown.put("username", s.username());
        shown.put("passwordSet", s.passwordSet());
        shown.put("timeoutSeconds", s.timeoutSeconds());
        shown.put("syncEveryMinutes", s.syncEveryMinutes());
        shown.put("authenticateAgents", s.authenticateAgents());
        shown.put("exchangeLogin", s.exchangeLogin());
        shown.put("exchangePasswordSet", s.exchangePasswordSet());
        jdbc.update("UPDATE field_project SET onec = ?::jsonb WHERE tenant = ? AND id = ?", json.writeValueAsString(shown), e.tenant(),
                e.projectId());
    }

    @EventHandler
    void on(OnecLinkRemoved e, @org.axonframework.eventhandling.Timestamp java.time.Instant at) {
        jdbc.update("UPDATE field_project SET onec = NULL WHERE tenant = ? AND id = ?", e.tenant(), e.projectId());
        jdbc.update("UPDATE onec_api_key SET revoked_at = ? WHERE tenant = ? AND project_id = ? AND revoked_at IS NULL", Timestamp.from(at),
                e.tenant(), e.projectId());
    }

    @EventHandler
    void on(OnecApiKeyIssued e) {
        jdbc.update("INSERT INTO onec_api_key (tenant, project_id, id, prefix, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                e.tenant(), e.projectId(), e.keyId(), e.prefix(), Timestamp.from(e.at()));
    }

    @EventHandler
    void on(OnecApiKeyRevoked e) {
        jdbc.update("UPDATE onec_api_key SET revoked_at = ? WHERE tenant = ? AND id = ?", Timestamp.from(e.at()), e.tenant(), e.keyId());
    }

    @EventHandler
    void on(OnecSyncStarted e) {
        Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
        for (String entity : e.entities()) {
            entities.put(entity, counts(OnecCounts.NONE, null));
        }
        jdbc.update("""
                INSERT INTO onec_run (tenant, project_id, id, status, trigger, full_run, started_at, entities)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING""",
                e.tenant(), e.projectId(), e.runId(), e.trigger(), e.full(), Timestamp.from(e.at()), json.writeValueAsString(entities));
        change(e.tenant(), e.runId(), "started", Map.of("runId", e.runId(), "entities", e.entities(), "trigger", e.trigger()));
    }

    @EventHandler
    void on(OnecPageApplied e) {
        jdbc.query("SELECT calls, entities, errors FROM onec_run WHERE tenant = ? AND id = ? FOR UPDATE", rs -> {
            Map<String, Map<String, Object>> entities = json.readValue(rs.getString("entities"), ENTITIES);
            Map<String, Object> was = entities.getOrDefault(e.entity(), counts(OnecCounts.NONE, null));
            OnecCounts sum = new OnecCounts(num(was, "received"), num(was, "created"), num(was, "updated"), num(was, "unchanged"),
                    num(was, "archived"), num(was, "failed")).plus(e.counts());
            entities.put(e.entity(), counts(sum, e.cursor()));
            jdbc.update("UPDATE onec_run SET calls = ?::jsonb, entities = ?::jsonb, errors = ?::jsonb WHERE tenant = ? AND id = ?",
                    calls(rs.getString("calls"), e.calls()), json.writeValueAsString(entities), errors(rs.getString("errors"), e.errors()),
                    e.tenant(), e.runId());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("runId", e.runId());
            data.put("entity", e.entity());
            data.put("page", counts(e.counts(), e.cursor()));
            data.put("total", counts(sum, e.cursor()));
            data.put("more", e.more());
            change(e.tenant(), e.runId(), "page", data);
        }, e.tenant(), e.runId());
    }

    @EventHandler
    void on(OnecSyncFinished e) {
        jdbc.query("SELECT calls, errors FROM onec_run WHERE tenant = ? AND id = ? FOR UPDATE", rs -> {
            jdbc.update("UPDATE onec_run SET status = ?, finished_at = ?, calls = ?::jsonb, errors = ?::jsonb WHERE tenant = ? AND id = ?",
                    e.status(), Timestamp.from(e.at()), calls(rs.getString("calls"), e.calls()), errors(rs.getString("errors"), e.errors()),
                    e.tenant(), e.runId());
        }, e.tenant(), e.runId());
        change(e.tenant(), e.runId(), "finished", Map.of("runId", e.runId(), "status", e.status()));
    }

    private String calls(String stored, List<OnecCall> more) {
        List<Map<String, Object>> calls = new ArrayList<>(json.readValue(stored, LIST));
        for (OnecCall c : more) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("operation", c.operation());
            call.put("endpoint", c.endpoint());
            call.put("ms", c.ms());
            call.put("outcome", c.outcome());
            if (c.detail() != null) {
                call.put("detail", c.detail());
            }
            calls.add(call);
        }
        return json.writeValueAsString(calls.size() > CALLS ? calls.subList(calls.size() - CALLS, calls.size()) : calls);
    }

    private String errors(String stored, List<OnecError> more) {
        List<Map<String, Object>> errors = new ArrayList<>(json.readValue(stored, LIST));
        for (OnecError err : more) {
            if (errors.size() >= ERRORS) {
                break;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", err.code());
            if (err.item() != null) {
                e.put("item", err.item());
            }
            e.put("message", err.message());
            errors.add(e);
        }
        return json.writeValueAsString(errors);
    }

    private static Map<String, Object> counts(OnecCounts c, String cursor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", c.received());
        m.put("created", c.created());
        m.put("updated", c.updated());
        m.put("unchanged", c.unchanged());
        m.put("archived", c.archived());
        m.put("failed", c.failed());
        m.put("cursor", cursor);
        return m;
    }

    private static int num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.intValue() : 0;
    }

    private void change(String tenant, String runId, String kind, Map<String, Object> data) {
        if (feed && !(CurrentUnitOfWork.isStarted() && ReplayToken.isReplay(CurrentUnitOfWork.get().getMessage()))) {
            jdbc.update("INSERT INTO onec_run_change (tenant, run_id, kind, data) VALUES (?, ?, ?, ?)", tenant, runId, kind,
                    json.writeValueAsString(data));
        }
    }
}
