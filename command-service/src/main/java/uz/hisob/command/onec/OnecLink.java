package uz.hisob.command.onec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.onec.ConfigureOnecLink;
import uz.hisob.api.onec.FinishOnecSync;
import uz.hisob.api.onec.IssueOnecApiKey;
import uz.hisob.api.onec.RevokeOnecApiKey;
import uz.hisob.api.onec.OnecIds;
import uz.hisob.api.onec.RemoveOnecLink;
import uz.hisob.api.onec.StartOnecSync;
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
import uz.hisob.command.field.FieldDirectory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project's link to its 1C base: the settings, each entity's cursor and the run in progress. It is the one place
 * that decides whether a run may start (one at a time per project, across every command-service instance) and whether
 * a page may be applied (only the running run's, only from the entity's current cursor): that is why the cursors live
 * here and not beside the runner. The passwords are written by {@link OnecSecrets} in the same transaction, never
 * into an event.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OnecLink {

    @AggregateIdentifier
    private String id;
    private String tenant;
    private String projectId;
    private boolean linked;
    private Map<String, String> cursors = new HashMap<>();
    private String runningRun;
    private List<String> runEntities = List.of();
    /** Entities the running run has finished (their last page said no more). */
    private List<String> runDone = new ArrayList<>();
    private boolean runHadErrors;
    private java.util.Set<String> apiKeys = new java.util.HashSet<>();
    private java.util.Set<String> revokedKeys = new java.util.HashSet<>();

    @com.fasterxml.jackson.annotation.JsonCreator
    protected OnecLink() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureOnecLink cmd, FieldDirectory directory, OnecSecrets secrets, OnecLinks links) {
        if (directory.project(cmd.tenant(), cmd.projectId()).isEmpty()) {
            throw CommandRefused.notFound("Project not found");
        }
        OnecSecrets.Stored stored = secrets.store(cmd.tenant(), cmd.projectId(), cmd.password(), cmd.exchangePassword());
        if (!stored.passwordSet()) {
            throw CommandRefused.invalid("onec.password", "is required to link the project");
        }
        if (cmd.settings().exchangeLogin() != null && !stored.exchangePasswordSet()) {
            throw CommandRefused.invalid("onec.exchangePassword", "is required with exchangeLogin");
        }
        OnecLinkSettings s = cmd.settings();
        OnecLinkSettings settings = new OnecLinkSettings(s.wsdlUrl(), s.alternativeWsdlUrl(), s.username(), true, s.timeoutSeconds(),
                s.syncEveryMinutes(), s.authenticateAgents(), s.exchangeLogin(), s.exchangeLogin() != null && stored.exchangePasswordSet());
        links.linked(cmd.tenant(), cmd.projectId(), settings);
        apply(new OnecLinkConfigured(cmd.tenant(), cmd.projectId(), settings));
    }

    @CommandHandler
    public void handle(RemoveOnecLink cmd, OnecSecrets secrets, OnecLinks links, OnecApiKeys keys, Clock clock) {
        if (linked) {
            if (runningRun != null) {
                // no more runs: the one in progress ends here, its later pages refused
                apply(new OnecSyncFinished(tenant, projectId, runningRun, OnecSyncFinished.FAILED, List.of(),
                        List.of(new OnecError("UNLINKED", null, "The project was unlinked from 1C during the run")), clock.instant()));
            }
            secrets.erase(cmd.tenant(), cmd.projectId());
            apiKeys.forEach(k -> keys.revoked(tenant, projectId, k));
            links.unlinked(cmd.tenant(), cmd.projectId());
            apply(new OnecLinkRemoved(cmd.tenant(), cmd.projectId()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING) // a project never linked: NOT_LINKED, as one unlinked
    public void handle(IssueOnecApiKey cmd, OnecApiKeys keys, Clock clock) {
        if (!linked) {
            throw CommandRefused.conflict("NOT_LINKED", "The project is not linked to 1C");
        }
        if (apiKeys.contains(cmd.keyId()) || revokedKeys.contains(cmd.keyId())) {
            return; // the same request again (its Idempotency-Key makes the same key): made once
        }
        keys.issued(tenant, projectId, cmd.keyId(), cmd.keyHash());
        apply(new OnecApiKeyIssued(tenant, projectId, cmd.keyId(), cmd.prefix(), clock.instant()));
    }

    @CommandHandler
    public void handle(RevokeOnecApiKey cmd, OnecApiKeys keys, Clock clock) {
        if (!apiKeys.contains(cmd.keyId())) {
            throw CommandRefused.notFound("API key not found");
        }
        keys.revoked(tenant, projectId, cmd.keyId());
        apply(new OnecApiKeyRevoked(tenant, projectId, cmd.keyId(), clock.instant()));
    }

    /** Answers the cursors the run starts from, by entity (null: from the start). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING) // a project never linked: NOT_LINKED, as one unlinked
    public Map<String, String> handle(StartOnecSync cmd, OnecLinks links, Clock clock) {
        if (!linked) {
            throw CommandRefused.conflict("NOT_LINKED", "The project is not linked to 1C");
        }
        if (cmd.runId().equals(runningRun)) {
            return startingCursors(); // the run resumed (its instance stopped mid-run): it continues from its cursors
        }
        if (StartOnecSync.RESUME.equals(cmd.trigger())) {
            // a resume of a run that ended meanwhile starts nothing
            throw CommandRefused.conflict("RUN_NOT_RUNNING", "Run " + cmd.runId() + " is not running");
        }
        if (runningRun != null) {
            throw CommandRefused.conflict("SYNC_RUNNING", "A run of this project is running", Map.of("runId", runningRun));
        }
        List<String> entities = new ArrayList<>(StartOnecSync.ENTITIES.stream().filter(cmd.entities()::contains).toList());
        if (entities.isEmpty()) {
            throw CommandRefused.invalid("entities", "must name at least one of " + StartOnecSync.ENTITIES);
        }
        entities.add(StartOnecSync.ORDER_STATUSES);
        links.running(tenant, projectId, cmd.runId());
        apply(new OnecSyncStarted(tenant, projectId, cmd.runId(), cmd.trigger(), entities, cmd.full(), clock.instant()));
        return startingCursors();
    }

    /**
     * Records a page of the running run applied from {@code since} to {@code cursor}; the changes of its items were
     * made by the caller in this same unit of work.
     */
    public void pageApplied(String runId, String entity, String since, String cursor, boolean more, OnecCounts counts,
                            List<OnecCall> calls, List<OnecError> errors) {
        checkPage(runId, entity, since);
        apply(new OnecPageApplied(tenant, projectId, runId, entity, cursor, more, counts, List.copyOf(calls), List.copyOf(errors)));
    }

    /** Refuses a page that is not the running run's next page of {@code entity} (so none is applied twice). */
    public void checkPage(String runId, String entity, String since) {
        if (!linked || !runId.equals(runningRun)) {
            throw CommandRefused.conflict("RUN_NOT_RUNNING", "Run " + runId + " is not the running run of the project");
        }
        if (!runEntities.contains(entity) || runDone.contains(entity)) {
            throw CommandRefused.conflict("PAGE_OUT_OF_ORDER", "The run does not read " + entity + " now");
        }
        String expected = cursors.get(entity);
        if (!java.util.Objects.equals(emptyToNull(since), expected)) {
            throw CommandRefused.conflict("PAGE_OUT_OF_ORDER", "The page of " + entity + " starts at " + since + ", the cursor is " + expected);
        }
    }

    @CommandHandler
    public void handle(FinishOnecSync cmd, OnecLinks links, Clock clock) {
        if (!cmd.runId().equals(runningRun)) {
            return; // finished already: the end of a run is recorded once
        }
        String status = cmd.failed() ? OnecSyncFinished.FAILED
                : runHadErrors || !cmd.errors().isEmpty() ? OnecSyncFinished.PARTIAL : OnecSyncFinished.SUCCEEDED;
        links.finished(tenant, projectId, clock.instant());
        apply(new OnecSyncFinished(tenant, projectId, cmd.runId(), status, List.copyOf(cmd.calls()), List.copyOf(cmd.errors()),
                clock.instant()));
    }

    /**
     * Where each entity the running run has still to read continues from (a missing cursor: from the start), in the
     * order the run reads them.
     */
    private Map<String, String> startingCursors() {
        Map<String, String> from = new java.util.LinkedHashMap<>();
        for (String e : runEntities) {
            if (!runDone.contains(e)) {
                from.put(e, cursors.get(e));
            }
        }
        return from;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @EventSourcingHandler
    void on(OnecLinkConfigured e) {
        id = OnecIds.link(e.tenant(), e.projectId());
        tenant = e.tenant();
        projectId = e.projectId();
        linked = true;
    }

    @EventSourcingHandler
    void on(OnecLinkRemoved e) {
        linked = false;
        apiKeys.clear();
    }

    @EventSourcingHandler
    void on(OnecApiKeyIssued e) {
        apiKeys.add(e.keyId());
    }

    @EventSourcingHandler
    void on(OnecApiKeyRevoked e) {
        apiKeys.remove(e.keyId());
        revokedKeys.add(e.keyId());
    }

    @EventSourcingHandler
    void on(OnecSyncStarted e) {
        runningRun = e.runId();
        runEntities = List.copyOf(e.entities());
        runDone = new ArrayList<>();
        runHadErrors = false;
        if (e.full()) {
            // a full run reads every entity from the start: its pages carry the cursors forward from there
            for (String entity : runEntities) {
                cursors.remove(entity);
            }
        }
    }

    @EventSourcingHandler
    void on(OnecPageApplied e) {
        // an empty cursor is the start, as an empty since is: kept as none, so the next page from it matches
        if (emptyToNull(e.cursor()) == null) {
            cursors.remove(e.entity());
        } else {
            cursors.put(e.entity(), e.cursor());
        }
        if (!e.more()) {
            runDone.add(e.entity());
        }
        runHadErrors |= e.counts().failed() > 0 || !e.errors().isEmpty();
    }

    @EventSourcingHandler
    void on(OnecSyncFinished e) {
        runningRun = null;
        runEntities = List.of();
        runDone = new ArrayList<>();
    }
}
