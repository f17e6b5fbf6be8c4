package uz.hisob.command.field;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.AddReference;
import uz.hisob.api.field.ChangeReference;
import uz.hisob.api.field.CreateProject;
import uz.hisob.api.field.DefineVisitStep;
import uz.hisob.api.field.FieldIds;
import uz.hisob.api.field.ReviseVisitStep;
import uz.hisob.api.field.UpdateProject;
import uz.hisob.api.field.VisitStepSpec;
import uz.hisob.events.field.ProjectCreated;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.field.ProjectUpdated;
import uz.hisob.events.field.ReferenceAdded;
import uz.hisob.events.field.ReferenceChanged;
import uz.hisob.events.field.StepRef;
import uz.hisob.events.field.VisitStepVersioned;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A field-sales project: its settings, its dictionaries and its checklist. It decides what is valid in the project
 * (a dictionary entry's id is used once per kind, a step's kind and options agree) and answers the rules a visit of
 * the project follows ({@link #rules()}), read by the agents' aggregates through {@link FieldDirectory}.
 */
@Aggregate(snapshotTriggerDefinition = "projectSnapshotTrigger", cache = "projectCache")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Project {

    /** The dictionaries of a project (field-sales.md). */
    public static final Set<String> REFERENCE_KINDS = Set.of("visit-types", "visit-priorities", "cancel-reasons", "visit-outcomes");
    /** The kinds of checklist steps. */
    public static final Set<String> STEP_KINDS = Set.of("CHECK", "NUMBER", "TEXT", "CHOICE", "PHOTO");
    static final int MAX_STEPS = 200;
    static final int MAX_REFERENCES = 500;

    @AggregateIdentifier
    private String id;
    private String projectId;
    private ProjectSettings settings;
    private Map<String, Map<String, Boolean>> references = new HashMap<>(); // kind -> id -> active
    private Map<String, Step> steps = new HashMap<>();

    /** The current version of a checklist step. */
    record Step(int version, String kind, boolean required, List<String> options, List<String> visitTypeIds, int order) {
    }

    /** What a visit of the project follows: the settings, which dictionary entries are active, the checklist. */
    public record Rules(String projectId, ProjectSettings settings, Map<String, Map<String, Boolean>> references,
                        List<StepRef> checklist, Map<String, List<String>> stepTypes) {

        public ZoneId zone() {
            return ZoneId.of(settings.timezone());
        }

        /** Null when {@code id} is null or an active entry of {@code kind}; otherwise why not. */
        public String refusal(String kind, String id) {
            if (id == null) {
                return null;
            }
            Boolean active = references.getOrDefault(kind, Map.of()).get(id);
            return active == null ? "is not one of the project's " + kind : active ? null : "is an inactive entry of " + kind;
        }

        /** The steps a visit of {@code typeId} answers, in their order. */
        public List<StepRef> checklistFor(String typeId) {
            return checklist.stream().filter(s -> {
                List<String> types = stepTypes.getOrDefault(s.stepId(), List.of());
                return types.isEmpty() || (typeId != null && types.contains(typeId));
            }).toList();
        }
    }

    /** For Axon, and for Jackson reading a snapshot (the command handlers' constructors are not creators). */
    @com.fasterxml.jackson.annotation.JsonCreator
    protected Project() {
        // for Axon
    }

    @CommandHandler
    public Project(CreateProject cmd) {
        validate(cmd.settings());
        apply(new ProjectCreated(cmd.tenant(), cmd.projectId(), cmd.settings()));
    }

    @CommandHandler
    public void handle(UpdateProject cmd) {
        validate(cmd.settings());
        apply(new ProjectUpdated(projectId, cmd.settings()));
    }

    @CommandHandler
    public void handle(AddReference cmd) {
        Map<String, Boolean> entries = references.getOrDefault(cmd.kind(), Map.of());
        if (entries.containsKey(cmd.referenceId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "The project's " + cmd.kind() + " has an entry " + cmd.referenceId());
        }
        if (entries.size() >= MAX_REFERENCES) {
            throw CommandRefused.invalid("id", "a dictionary holds at most " + MAX_REFERENCES + " entries");
        }
        int order = cmd.order() != null ? cmd.order() : entries.size() + 1;
        apply(new ReferenceAdded(projectId, cmd.kind(), cmd.referenceId(), cmd.name(), order));
    }

    @CommandHandler
    public void handle(ChangeReference cmd) {
        if (!references.getOrDefault(cmd.kind(), Map.of()).containsKey(cmd.referenceId())) {
            throw CommandRefused.notFound("Dictionary entry not found");
        }
        apply(new ReferenceChanged(projectId, cmd.kind(), cmd.referenceId(), cmd.name(), cmd.order(), cmd.active()));
    }

    @CommandHandler
    public void handle(DefineVisitStep cmd) {
        if (steps.containsKey(cmd.stepId())) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "The checklist has a step " + cmd.stepId());
        }
        if (steps.size() >= MAX_STEPS) {
            throw CommandRefused.invalid("id", "a checklist holds at most " + MAX_STEPS + " steps");
        }
        step(cmd.stepId(), 1, cmd.spec());
    }

    @CommandHandler
    public void handle(ReviseVisitStep cmd) {
        Step current = steps.get(cmd.stepId());
        if (current == null) {
            throw CommandRefused.notFound("Checklist step not found");
        }
        step(cmd.stepId(), current.version() + 1, cmd.spec());
    }

    private void step(String stepId, int version, VisitStepSpec spec) {
        if (!STEP_KINDS.contains(spec.kind())) {
            throw CommandRefused.invalid("kind", "must be one of " + new java.util.TreeSet<>(STEP_KINDS));
        }
        List<String> options = spec.options() == null ? List.of() : List.copyOf(spec.options());
        if ("CHOICE".equals(spec.kind())) {
            if (options.size() < 2) {
                throw CommandRefused.invalid("options", "a CHOICE step needs at least two options");
            }
            if (new HashSet<>(options).size() != options.size()) {
                throw CommandRefused.invalid("options", "must not repeat an option");
            }
        } else if (!options.isEmpty()) {
            throw CommandRefused.invalid("options", "only a CHOICE step has options");
        }
        List<String> types = spec.visitTypeIds() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(spec.visitTypeIds()));
        Map<String, Boolean> known = references.getOrDefault("visit-types", Map.of());
        for (String type : types) {
            if (!known.containsKey(type)) {
                throw CommandRefused.invalid("visitTypeIds", type + " is not one of the project's visit-types");
            }
        }
        apply(new VisitStepVersioned(projectId, stepId, version, spec.title(), spec.kind(), spec.required(), options, types,
                spec.order()));
    }

    private static void validate(ProjectSettings s) {
        // common.md: zones are IANA names (Asia/Tashkent), not offsets such as +05:00 or UTC+5
        if (s.timezone() == null || !ZoneId.getAvailableZoneIds().contains(s.timezone())) {
            throw CommandRefused.invalid("timezone", "is not an IANA time zone");
        }
        if (s.radiusMeters() < 10 || s.radiusMeters() > 5000) {
            throw CommandRefused.invalid("geofence.radiusMeters", "must be between 10 and 5000");
        }
        if (!ProjectSettings.FLAG.equals(s.policy()) && !ProjectSettings.REFUSE.equals(s.policy())) {
            throw CommandRefused.invalid("geofence.policy", "must be FLAG or REFUSE");
        }
        if (s.minVisitMinutes() < 0 || s.minVisitMinutes() > 240) {
            throw CommandRefused.invalid("minVisitMinutes", "must be between 0 and 240");
        }
    }

    /** The rules a visit of this project follows now. */
    public Rules rules() {
        List<StepRef> checklist = new ArrayList<>();
        Map<String, List<String>> types = new HashMap<>();
        steps.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Step> e) -> e.getValue().order()).thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    Step s = e.getValue();
                    checklist.add(new StepRef(e.getKey(), s.version(), s.kind(), s.required(), s.options()));
                    types.put(e.getKey(), s.visitTypeIds());
                });
        Map<String, Map<String, Boolean>> refs = new HashMap<>();
        references.forEach((k, v) -> refs.put(k, Map.copyOf(v)));
        return new Rules(projectId, settings, Map.copyOf(refs), List.copyOf(checklist), Map.copyOf(types));
    }

    @EventSourcingHandler
    void on(ProjectCreated e) {
        this.id = FieldIds.project(e.tenant(), e.projectId());
        this.projectId = e.projectId();
        this.settings = e.settings();
    }

    @EventSourcingHandler
    void on(ProjectUpdated e) {
        this.settings = e.settings();
    }

    @EventSourcingHandler
    void on(ReferenceAdded e) {
        references.computeIfAbsent(e.kind(), k -> new HashMap<>()).put(e.referenceId(), true);
    }

    @EventSourcingHandler
    void on(ReferenceChanged e) {
        references.computeIfAbsent(e.kind(), k -> new HashMap<>()).put(e.referenceId(), e.active());
    }

    @EventSourcingHandler
    void on(VisitStepVersioned e) {
        steps.put(e.stepId(), new Step(e.version(), e.kind(), e.required(), e.options(), e.visitTypeIds(), e.order()));
    }
}
