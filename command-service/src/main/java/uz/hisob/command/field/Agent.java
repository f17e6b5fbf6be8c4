package uz.hisob.command.field;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.AnswerVisitStep;
import uz.hisob.api.field.AttachVisitImage;
import uz.hisob.api.field.CancelVisit;
import uz.hisob.api.field.ChangeAgent;
import uz.hisob.api.field.CheckInUnplanned;
import uz.hisob.api.field.CheckInVisit;
import uz.hisob.api.field.CheckOutVisit;
import uz.hisob.api.field.DeviceFix;
import uz.hisob.api.field.EnrolAgent;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.MarkVisitMissed;
import uz.hisob.api.field.PlanVisit;
import uz.hisob.api.field.RescheduleVisit;
import uz.hisob.api.field.StepValue;
import uz.hisob.api.field.UploadTrack;
import uz.hisob.api.field.VisitPlan;
import uz.hisob.command.images.ImageStore;
import uz.hisob.command.users.UserAccounts;
import uz.hisob.events.field.AgentChanged;
import uz.hisob.events.field.AgentEnrolled;
import uz.hisob.events.field.FieldRoles;
import uz.hisob.events.field.Fix;
import uz.hisob.events.field.GeoPoint;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.field.StepRef;
import uz.hisob.events.field.TrackPoint;
import uz.hisob.events.field.TrackUploaded;
import uz.hisob.events.field.VisitCancelled;
import uz.hisob.events.field.VisitCheckedIn;
import uz.hisob.events.field.VisitCheckedOut;
import uz.hisob.events.field.VisitImageAttached;
import uz.hisob.events.field.VisitMissed;
import uz.hisob.events.field.VisitPlanned;
import uz.hisob.events.field.VisitRescheduled;
import uz.hisob.events.field.VisitStepAnswered;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An agent of a project and its open visits: the consistency boundary of visits (docs/field-sales.md). Everything
 * that must be decided together is decided here, one command at a time: one visit in progress per agent, a visit's
 * status (a cancel and a check-in of the same visit cannot both win), a check-in never before the agent's previous
 * check-out, travel speed from the agent's last known place. The state keeps only the open visits (planned, missed,
 * in progress); a visit that is completed or cancelled leaves it, its history stays in the events.
 */
@Aggregate(snapshotTriggerDefinition = "agentSnapshotTrigger", cache = "agentCache")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Agent {

    /** How far in the past a device's check-in may be (devices work offline and upload later). */
    static final Duration MAX_BACKDATING = Duration.ofHours(72);
    /** Clock skew between a device and us that is not "in the future". */
    static final Duration SKEW = Duration.ofMinutes(2);
    static final Duration LATE_UPLOAD = Duration.ofHours(1);
    static final double LOW_ACCURACY_METERS = 100;
    static final double LEARN_ACCURACY_METERS = 50;
    static final double IMPOSSIBLE_KMH = 150;
    /** How far ahead a visit may be planned. */
    static final int MAX_DAYS_AHEAD = 366;
    /**
     * How far back a plan may be recorded (a plan entered late, or imported): a past day's plan is missed at once,
     * unless it is checked in within the same week.
     */
    static final int MAX_DAYS_BACK = 7;
    static final int MAX_OPEN_VISITS = 5000;
    static final Duration MAX_TRACK_AGE = Duration.ofDays(7);
    static final double MAX_TRACK_ACCURACY_METERS = 500;

    @AggregateIdentifier
    private String id;
    private String agentId;
    private String projectId;
    private String userId;
    private boolean active;
    private Map<String, OpenVisit> open = new HashMap<>();
    private InProgress inProgress;
    private Instant lastCheckOutAt;
    private Spot lastSpot;

    /** A planned or missed visit. */
    record OpenVisit(String clientId, LocalDate plannedFor, String typeId, boolean missed) {
    }

    /** The visit the agent is on. */
    record InProgress(String visitId, String clientId, Instant at, List<StepRef> steps,
                      Set<String> answered, List<String> flags) {
    }

    /** Where the agent was last known to be, and when. */
    record Spot(Instant at, double lat, double lon) {
    }

    /** For Axon, and for Jackson reading a snapshot (the command handlers' constructors are not creators). */
    @com.fasterxml.jackson.annotation.JsonCreator
    protected Agent() {
        // for Axon
    }

    // ---------------------------------------------------------------- the agent

    @CommandHandler
    public Agent(EnrolAgent cmd, UserAccounts users, FieldDirectory directory, AgentKeys keys) {
        if (directory.project(cmd.tenant(), cmd.projectId()).isEmpty()) {
            throw CommandRefused.notFound("Project not found");
        }
        claimCode(keys, cmd.tenant(), cmd.projectId(), cmd.onecCode(), cmd.agentId());
        users.create(cmd.tenant(), cmd.userId(), cmd.username(), cmd.passwordHash(), List.of(FieldRoles.AGENT),
                Map.of(FieldRoles.PROJECT_CLAIM, cmd.projectId(), FieldRoles.AGENT_CLAIM, cmd.agentId()));
        apply(new AgentEnrolled(cmd.tenant(), cmd.agentId(), cmd.projectId(), cmd.userId(), cmd.username(), cmd.name(),
                cmd.phone(), cmd.onecCode()));
    }

    @CommandHandler
    public void handle(ChangeAgent cmd, UserAccounts users, AgentKeys keys) {
        if (!projectId.equals(cmd.projectId())) {
            throw CommandRefused.notFound("Agent not found");
        }
        claimCode(keys, cmd.tenant(), projectId, cmd.onecCode(), agentId);
        if (cmd.active() != active) {
            users.setActive(cmd.tenant(), userId, cmd.active());
        }
        apply(new AgentChanged(agentId, projectId, cmd.name(), cmd.phone(), cmd.onecCode(), cmd.active()));
    }

    /** The 1C code is the agent's alone in the project: the clients 1C sends name their agents by it. */
    private static void claimCode(AgentKeys keys, String tenant, String projectId, String onecCode, String agentId) {
        keys.claimAgentCode(tenant, projectId, onecCode, agentId).ifPresent(owner -> {
            throw CommandRefused.conflict("ALREADY_EXISTS", "The 1C code " + onecCode + " belongs to agent " + owner,
                    Map.of("agentId", owner));
        });
    }

    // ---------------------------------------------------------------- plans

    @CommandHandler
    public void handle(PlanVisit cmd, VisitOwners owners, FieldDirectory directory, Clock clock) {
        plan(cmd.tenant(), cmd.projectId(), cmd.plan(), "", owners, directory, clock);
    }

    /**
     * Plans one visit; {@code field} prefixes the names of refused fields (a bulk plan names the item). Also called
     * by {@code VisitPlanning} for every item of a bulk plan, all in one transaction.
     */
    public void plan(String tenant, String project, VisitPlan plan, String field, VisitOwners owners, FieldDirectory directory,
                     Clock clock) {
        if (!projectId.equals(project)) {
            throw CommandRefused.invalid(field + "agentId", "is not an agent of the project");
        }
        if (!active) {
            throw CommandRefused.conflict("AGENT_INACTIVE", "The agent is inactive");
        }
        Project.Rules rules = rules(tenant, directory);
        FieldDirectory.ClientFacts client = directory.client(tenant, plan.clientId())
                .filter(c -> c.projectId().equals(projectId))
                .orElseThrow(() -> CommandRefused.invalid(field + "clientId", "is not a client of the project"));
        if (client.archived()) {
            throw CommandRefused.conflict("CLIENT_ARCHIVED", "The client is archived");
        }
        reference(rules, "visit-types", plan.typeId(), field + "typeId");
        reference(rules, "visit-priorities", plan.priorityId(), field + "priorityId");
        LocalDate today = LocalDate.now(clock.withZone(rules.zone()));
        if (plan.plannedFor().isBefore(today.minusDays(MAX_DAYS_BACK))) {
            throw CommandRefused.invalid(field + "plannedFor", "must not be more than " + MAX_DAYS_BACK + " days before today ("
                    + today + " in " + rules.zone() + ")");
        }
        if (plan.plannedFor().isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw CommandRefused.invalid(field + "plannedFor", "must be within " + MAX_DAYS_AHEAD + " days");
        }
        if (open.size() >= MAX_OPEN_VISITS) {
            throw CommandRefused.conflict("TOO_MANY_OPEN_VISITS", "The agent has " + MAX_OPEN_VISITS + " open visits");
        }
        if (!owners.claim(tenant, plan.visitId(), agentId, projectId, endOf(plan.plannedFor(), rules.zone()), plan.routeId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A visit with id " + plan.visitId() + " exists");
        }
        apply(new VisitPlanned(plan.visitId(), projectId, plan.clientId(), agentId, plan.plannedFor(), plan.plannedTime(),
                plan.typeId(), plan.priorityId(), plan.note(), plan.routeId()));
    }

    @CommandHandler
    public void handle(RescheduleVisit cmd, FieldDirectory directory, VisitOwners owners, Clock clock) {
        planned(cmd.visitId());
        Project.Rules rules = rules(cmd.tenant(), directory);
        LocalDate today = LocalDate.now(clock.withZone(rules.zone()));
        if (cmd.plannedFor().isBefore(today)) {
            throw CommandRefused.invalid("plannedFor", "must not be before today (" + today + " in " + rules.zone() + ")");
        }
        if (cmd.plannedFor().isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw CommandRefused.invalid("plannedFor", "must be within " + MAX_DAYS_AHEAD + " days");
        }
        owners.due(cmd.tenant(), cmd.visitId(), endOf(cmd.plannedFor(), rules.zone()));
        apply(new VisitRescheduled(cmd.visitId(), projectId, cmd.plannedFor(), cmd.plannedTime()));
    }

    @CommandHandler
    public void handle(CancelVisit cmd, FieldDirectory directory, VisitOwners owners) {
        planned(cmd.visitId());
        if (cmd.reasonId() == null && (cmd.reason() == null || cmd.reason().isBlank())) {
            throw CommandRefused.invalid("reasonId", "a reasonId or a reason is required");
        }
        reference(rules(cmd.tenant(), directory), "cancel-reasons", cmd.reasonId(), "reasonId");
        owners.due(cmd.tenant(), cmd.visitId(), null);
        apply(new VisitCancelled(cmd.visitId(), projectId, cmd.reasonId(), cmd.reason()));
    }

    /**
     * A route no longer has this visit: cancelled if it is still planned (a visit already made, or missed, stays as
     * it is). Called by {@code RoutePlanner} in the transaction of the route's planning.
     */
    public void dropFromRoute(String tenant, String visitId, VisitOwners owners) {
        OpenVisit visit = open.get(visitId);
        if (visit != null && !visit.missed()) {
            owners.dropped(tenant, visitId);
            apply(new VisitCancelled(visitId, projectId, null, "The route changed"));
        }
    }

    /** Marks a planned visit whose day is over as missed; anything else is left as it is (the sweep may repeat itself). */
    @CommandHandler
    public void handle(MarkVisitMissed cmd, FieldDirectory directory, VisitOwners owners, Clock clock) {
        OpenVisit visit = open.get(cmd.visitId());
        if (visit == null || visit.missed()) {
            owners.due(cmd.tenant(), cmd.visitId(), null);
            return;
        }
        ZoneId zone = rules(cmd.tenant(), directory).zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (visit.plannedFor().isBefore(today)) {
            owners.due(cmd.tenant(), cmd.visitId(), null);
            apply(new VisitMissed(cmd.visitId(), projectId, visit.plannedFor()));
        } else {
            owners.due(cmd.tenant(), cmd.visitId(), endOf(visit.plannedFor(), zone));
        }
    }

    /** The end of {@code day} in {@code zone}: when a visit planned for it that was not checked in is missed. */
    static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private OpenVisit planned(String visitId) {
        OpenVisit visit = open.get(visitId);
        if (visit == null) {
            throw CommandRefused.conflict("VISIT_NOT_PLANNED", "The visit is not planned: it is in progress, completed or cancelled");
        }
        return visit;
    }

    // ---------------------------------------------------------------- check-in

    @CommandHandler
    public Map<String, Object> handle(CheckInVisit cmd, FieldDirectory directory, VisitOwners owners) {
        OpenVisit visit = planned(cmd.visitId());
        Map<String, Object> answer = checkIn(cmd.tenant(), cmd.visitId(), visit.clientId(), visit.typeId(), visit, cmd.fix(),
                cmd.receivedAt(), directory);
        owners.due(cmd.tenant(), cmd.visitId(), null);
        return answer;
    }

    @CommandHandler
    public Map<String, Object> handle(CheckInUnplanned cmd, FieldDirectory directory, VisitOwners owners) {
        if (!projectId.equals(cmd.projectId())) {
            throw CommandRefused.notFound("Project not found");
        }
        reference(rules(cmd.tenant(), directory), "visit-types", cmd.typeId(), "typeId");
        Map<String, Object> answer = checkIn(cmd.tenant(), cmd.visitId(), cmd.clientId(), cmd.typeId(), null, cmd.fix(),
                cmd.receivedAt(), directory);
        if (!owners.claim(cmd.tenant(), cmd.visitId(), agentId, projectId, null, null)) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "A visit with id " + cmd.visitId() + " exists");
        }
        return answer;
    }

    private Map<String, Object> checkIn(String tenant, String visitId, String clientId, String typeId, OpenVisit plan,
                                        DeviceFix fix, Instant receivedAt, FieldDirectory directory) {
        if (inProgress != null) {
            throw CommandRefused.conflict("VISIT_IN_PROGRESS", "The agent is on visit " + inProgress.visitId(),
                    Map.of("visitId", inProgress.visitId()));
        }
        Instant at = deviceTime(fix, receivedAt);
        if (lastCheckOutAt != null && at.isBefore(lastCheckOutAt)) {
            throw CommandRefused.invalid("at", "must not be before the agent's previous check-out (" + lastCheckOutAt + ")");
        }
        Project.Rules rules = rules(tenant, directory);
        FieldDirectory.ClientFacts client = directory.client(tenant, clientId)
                .filter(c -> c.projectId().equals(projectId))
                .orElseThrow(() -> CommandRefused.invalid("clientId", "is not a client of the project"));
        if (client.archived()) {
            throw CommandRefused.conflict("CLIENT_ARCHIVED", "The client is archived");
        }
        ZoneId zone = rules.zone();
        ProjectSettings settings = rules.settings();
        List<String> flags = new ArrayList<>();
        if (plan == null) {
            flags.add("UNPLANNED");
        } else {
            LocalDate day = LocalDate.ofInstant(at, zone);
            if (plan.missed() && weekOf(day) != weekOf(plan.plannedFor())) {
                throw CommandRefused.conflict("VISIT_NOT_PLANNED", "The visit was missed and its week is over: plan it again");
            }
            if (day.isAfter(plan.plannedFor())) {
                flags.add("LATE");
            }
        }
        Long distance = null;
        Boolean within = null;
        if (client.location() == null) {
            flags.add("NO_CLIENT_LOCATION");
        } else {
            distance = Math.round(Geo.meters(client.location(), fix.location().point()));
            within = withinGeofence(distance, fix.location(), settings.radiusMeters());
            if (!within) {
                if (ProjectSettings.REFUSE.equals(settings.policy())) {
                    throw CommandRefused.conflict("OUT_OF_GEOFENCE", "The check-in is " + distance + " m from the client",
                            Map.of("distanceMeters", distance, "radiusMeters", settings.radiusMeters()));
                }
                flags.add("OUT_OF_GEOFENCE");
            }
        }
        if (fix.mocked()) {
            flags.add("MOCK_LOCATION");
        }
        Double accuracy = fix.location().accuracyMeters();
        if (accuracy != null && accuracy > LOW_ACCURACY_METERS) {
            flags.add("LOW_ACCURACY");
        }
        if (lastSpot != null && !lastSpot.at().isAfter(at) && impossibleTravel(lastSpot, at, fix.location())) {
            flags.add("IMPOSSIBLE_TRAVEL");
        }
        if (Duration.between(at, receivedAt).compareTo(LATE_UPLOAD) > 0) {
            flags.add("LATE_UPLOAD");
        }
        List<StepRef> steps = rules.checklistFor(typeId);
        apply(new VisitCheckedIn(visitId, projectId, agentId, clientId, at, fix.location(), fix.mocked(), fix.provider(), distance,
                within, settings.radiusMeters(), List.copyOf(flags), plan == null, typeId, steps, receivedAt));
        if (client.location() == null && settings.learnClientLocation() && accuracy != null && accuracy <= LEARN_ACCURACY_METERS) {
            directory.learnLocation(tenant, clientId, fix.location().point(), visitId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "IN_PROGRESS");
        answer.put("distanceMeters", distance);
        answer.put("withinGeofence", within);
        answer.put("flags", List.copyOf(flags));
        return answer;
    }

    // ---------------------------------------------------------------- in the visit

    @CommandHandler
    public void handle(AnswerVisitStep cmd, ImageStore images) {
        InProgress visit = inProgress(cmd.visitId());
        StepRef step = visit.steps().stream().filter(s -> s.stepId().equals(cmd.stepId())).findFirst()
                .orElseThrow(() -> CommandRefused.notFound("The visit's checklist has no step " + cmd.stepId()));
        StepValue value = cmd.value() == null ? StepValue.NONE : cmd.value();
        List<String> imageIds = cmd.imageIds() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(cmd.imageIds()));
        String text = switch (step.kind()) {
            case "CHECK" -> typed(value, "boolean", "true or false");
            case "NUMBER" -> {
                String n = typed(value, "number", "a number");
                yield new BigDecimal(n).stripTrailingZeros().toPlainString();
            }
            case "TEXT" -> {
                String t = typed(value, "string", "a text");
                if (t.isBlank() || t.length() > 4000) {
                    throw CommandRefused.invalid("value", "must be a text of 1 to 4000 characters");
                }
                yield t;
            }
            case "CHOICE" -> {
                String c = typed(value, "string", "one of " + step.options());
                if (!step.options().contains(c)) {
                    throw CommandRefused.invalid("value", "must be one of " + step.options());
                }
                yield c;
            }
            default -> { // PHOTO
                if (imageIds.isEmpty()) {
                    throw CommandRefused.invalid("imageIds", "a PHOTO step needs at least one image");
                }
                yield null;
            }
        };
        if (imageIds.size() > 20) {
            throw CommandRefused.invalid("imageIds", "at most 20 images");
        }
        for (String imageId : imageIds) {
            if (images.sha256Of(cmd.tenant(), imageId).isEmpty()) {
                throw CommandRefused.invalid("imageIds", imageId + " is not an uploaded image");
            }
        }
        apply(new VisitStepAnswered(cmd.visitId(), projectId, step.stepId(), step.version(), step.kind(), text, imageIds));
    }

    @CommandHandler
    public void handle(AttachVisitImage cmd, ImageStore images) {
        InProgress visit = inProgress(cmd.visitId());
        if (cmd.stepId() != null && visit.steps().stream().noneMatch(s -> s.stepId().equals(cmd.stepId()))) {
            throw CommandRefused.invalid("stepId", "is not a step of the visit's checklist");
        }
        if (images.sha256Of(cmd.tenant(), cmd.imageId()).isEmpty()) {
            throw CommandRefused.invalid("imageId", "is not an uploaded image");
        }
        apply(new VisitImageAttached(cmd.visitId(), projectId, cmd.imageId(), cmd.stepId()));
    }

    @CommandHandler
    public Map<String, Object> handle(CheckOutVisit cmd, FieldDirectory directory) {
        InProgress visit = inProgress(cmd.visitId());
        Instant at = deviceTime(cmd.fix(), cmd.receivedAt());
        if (at.isBefore(visit.at())) {
            throw CommandRefused.invalid("at", "must not be before the check-in (" + visit.at() + ")");
        }
        List<String> missing = visit.steps().stream().filter(s -> s.required() && !visit.answered().contains(s.stepId()))
                .map(StepRef::stepId).toList();
        if (!missing.isEmpty()) {
            throw CommandRefused.conflict("STEPS_INCOMPLETE", "Required steps are not answered: " + missing,
                    Map.of("missing", missing));
        }
        Project.Rules rules = rules(cmd.tenant(), directory);
        reference(rules, "visit-outcomes", cmd.outcomeId(), "outcomeId");
        long seconds = Duration.between(visit.at(), at).toSeconds();
        List<String> flags = new ArrayList<>();
        if (seconds < rules.settings().minVisitMinutes() * 60L) {
            flags.add("TOO_SHORT");
        }
        // the client's location now: the one it had at the check-in, or the one the check-in taught it
        GeoPoint clientAt = directory.client(cmd.tenant(), visit.clientId()).map(FieldDirectory.ClientFacts::location).orElse(null);
        Long distance = null;
        if (clientAt != null) {
            distance = Math.round(Geo.meters(clientAt, cmd.fix().location().point()));
            if (!withinGeofence(distance, cmd.fix().location(), rules.settings().radiusMeters())) {
                flags.add("CHECKOUT_OUT_OF_GEOFENCE");
            }
        }
        apply(new VisitCheckedOut(cmd.visitId(), projectId, agentId, at, cmd.fix().location(), distance, seconds,
                cmd.outcomeId(), cmd.note(), List.copyOf(flags), cmd.receivedAt()));
        List<String> all = new ArrayList<>(visit.flags());
        all.addAll(flags);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "COMPLETED");
        answer.put("durationSeconds", seconds);
        answer.put("flags", all);
        return answer;
    }

    /** The visit in progress and its client, or null (for a field order, read outside a command). */
    public VisitInProgress visitInProgress() {
        return inProgress == null ? null : new VisitInProgress(inProgress.visitId(), inProgress.clientId());
    }

    /** A visit in progress, as others than the agent need it. */
    public record VisitInProgress(String visitId, String clientId) {
    }

    private InProgress inProgress(String visitId) {
        if (inProgress == null || !inProgress.visitId().equals(visitId)) {
            throw CommandRefused.conflict("VISIT_NOT_IN_PROGRESS", "The visit is not in progress");
        }
        return inProgress;
    }

    // ---------------------------------------------------------------- the track

    /**
     * A batch of GPS points: each valid one not stored before is accepted (field-sales.md), all of them in one event;
     * a point with the instant of a stored one, or of an earlier one of the batch, is a duplicate.
     */
    @CommandHandler
    public Map<String, Object> handle(UploadTrack cmd, TrackPointKeys keys) {
        List<Map<String, Object>> rejected = new ArrayList<>();
        Map<Instant, TrackPoint> valid = new java.util.TreeMap<>();
        int duplicates = 0;
        for (int i = 0; i < cmd.points().size(); i++) {
            TrackPoint p = cmd.points().get(i);
            String reason = p.lat() < -90 || p.lat() > 90 || p.lon() < -180 || p.lon() > 180 ? "COORDINATES_OUT_OF_RANGE"
                    : p.at().isAfter(cmd.receivedAt().plus(SKEW)) ? "IN_THE_FUTURE"
                    : p.at().isBefore(cmd.receivedAt().minus(MAX_TRACK_AGE)) ? "TOO_OLD"
                    : p.accuracyMeters() != null && p.accuracyMeters() > MAX_TRACK_ACCURACY_METERS ? "LOW_ACCURACY" : null;
            if (reason != null) {
                rejected.add(Map.of("index", i, "reason", reason));
            } else if (valid.putIfAbsent(p.at().truncatedTo(ChronoUnit.MILLIS), p) != null) {
                duplicates++;
            }
        }
        Set<Instant> fresh = valid.isEmpty() ? Set.of() : keys.claimNew(cmd.tenant(), agentId, valid.keySet());
        duplicates += valid.size() - fresh.size();
        List<TrackPoint> accepted = valid.entrySet().stream().filter(e -> fresh.contains(e.getKey()))
                .map(e -> new TrackPoint(e.getKey(), e.getValue().lat(), e.getValue().lon(), e.getValue().accuracyMeters(),
                        e.getValue().speedMps(), e.getValue().battery(), e.getValue().mocked())).toList();
        if (!accepted.isEmpty()) {
            apply(new TrackUploaded(agentId, projectId, accepted));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", accepted.size());
        answer.put("duplicates", duplicates);
        answer.put("rejected", rejected);
        return answer;
    }

    // ---------------------------------------------------------------- rules

    private Project.Rules rules(String tenant, FieldDirectory directory) {
        return directory.project(tenant, projectId).orElseThrow(() -> new IllegalStateException("The agent's project is gone"));
    }

    private static void reference(Project.Rules rules, String kind, String id, String field) {
        String refusal = rules.refusal(kind, id);
        if (refusal != null) {
            throw CommandRefused.invalid(field, refusal);
        }
    }

    private static Instant deviceTime(DeviceFix fix, Instant receivedAt) {
        Instant at = fix.at() == null ? receivedAt : fix.at().truncatedTo(ChronoUnit.MILLIS);
        if (at.isAfter(receivedAt.plus(SKEW))) {
            throw CommandRefused.invalid("at", "must not be in the future");
        }
        if (at.isBefore(receivedAt.minus(MAX_BACKDATING))) {
            throw CommandRefused.invalid("at", "must be within the last " + MAX_BACKDATING.toHours() + " hours");
        }
        return at;
    }

    /** field-sales.md: {@code distanceMeters ≤ radiusMeters + min(accuracyMeters, radiusMeters)}. */
    static boolean withinGeofence(long distance, Fix fix, int radius) {
        double accuracy = fix.accuracyMeters() == null ? 0 : fix.accuracyMeters();
        return distance <= radius + Math.min(accuracy, radius);
    }

    /**
     * Faster than 150 km/h from where the agent was last known to be before {@code at} (a check-in uploaded late,
     * before points the device sent earlier, is not compared with them).
     */
    static boolean impossibleTravel(Spot from, Instant at, Fix to) {
        double meters = Geo.meters(new GeoPoint(from.lat(), from.lon()), to.point());
        double seconds = Duration.between(from.at(), at).toMillis() / 1000.0;
        if (seconds < 1) {
            return meters > 1000;
        }
        return meters / seconds * 3.6 > IMPOSSIBLE_KMH;
    }

    private static int weekOf(LocalDate day) {
        return day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    private static String typed(StepValue value, String type, String what) {
        if (!type.equals(value.type()) || value.text() == null) {
            throw CommandRefused.invalid("value", "must be " + what);
        }
        return value.text();
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(AgentEnrolled e) {
        id = FieldIds.agent(e.tenant(), e.agentId());
        agentId = e.agentId();
        projectId = e.projectId();
        userId = e.userId();
        active = true;
    }

    @EventSourcingHandler
    void on(AgentChanged e) {
        active = e.active();
    }

    @EventSourcingHandler
    void on(VisitPlanned e) {
        open.put(e.visitId(), new OpenVisit(e.clientId(), e.plannedFor(), e.typeId(), false));
    }

    @EventSourcingHandler
    void on(VisitRescheduled e) {
        open.computeIfPresent(e.visitId(), (k, v) -> new OpenVisit(v.clientId(), e.plannedFor(), v.typeId(), false));
    }

    @EventSourcingHandler
    void on(VisitCancelled e) {
        open.remove(e.visitId());
    }

    @EventSourcingHandler
    void on(VisitMissed e) {
        open.computeIfPresent(e.visitId(), (k, v) -> new OpenVisit(v.clientId(), v.plannedFor(), v.typeId(), true));
    }

    @EventSourcingHandler
    void on(VisitCheckedIn e) {
        open.remove(e.visitId());
        inProgress = new InProgress(e.visitId(), e.clientId(), e.at(), e.steps(), new HashSet<>(), e.flags());
        lastSpot = new Spot(e.at(), e.location().lat(), e.location().lon());
    }

    @EventSourcingHandler
    void on(TrackUploaded e) {
        TrackPoint newest = e.points().getLast();
        if (lastSpot == null || newest.at().isAfter(lastSpot.at())) {
            lastSpot = new Spot(newest.at(), newest.lat(), newest.lon());
        }
    }

    @EventSourcingHandler
    void on(VisitStepAnswered e) {
        if (inProgress != null) {
            inProgress.answered().add(e.stepId());
        }
    }

    @EventSourcingHandler
    void on(VisitCheckedOut e) {
        inProgress = null;
        lastCheckOutAt = e.at();
        lastSpot = new Spot(e.at(), e.location().lat(), e.location().lon());
    }
}
