package uz.hisob.command.field;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.field.AddReference;
import uz.hisob.api.field.ChangeReference;
import uz.hisob.api.field.CreateProject;
import uz.hisob.api.field.DefineVisitStep;
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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of every command a project decides: its settings, dictionaries and checklist. */
class ProjectTest {

    static final String TENANT = "demo";
    static final ProjectSettings SETTINGS = new ProjectSettings("Toshkent", "Asia/Tashkent", 150, "FLAG", 0, true);

    AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    static ProjectCreated created() {
        return new ProjectCreated(TENANT, "toshkent", SETTINGS);
    }

    @Test
    void settingsAreChecked() {
        fixture.givenNoPriorActivity().when(new CreateProject(TENANT, "toshkent", SETTINGS)).expectEvents(created());
        fixture.givenNoPriorActivity().when(new CreateProject(TENANT, "x", new ProjectSettings("X", "Mars/Olympus", 150, "FLAG", 0, true)))
                .expectNoEvents().expectExceptionMessage("is not an IANA time zone");
        fixture.givenNoPriorActivity().when(new CreateProject(TENANT, "x", new ProjectSettings("X", "+05:00", 150, "FLAG", 0, true)))
                .expectNoEvents().expectExceptionMessage("is not an IANA time zone");
        fixture.givenNoPriorActivity().when(new CreateProject(TENANT, "x", new ProjectSettings("X", "Asia/Tashkent", 9, "FLAG", 0, true)))
                .expectNoEvents().expectExceptionMessage("must be between 10 and 5000");
        fixture.givenNoPriorActivity().when(new CreateProject(TENANT, "x", new ProjectSettings("X", "Asia/Tashkent", 150, "WARN", 0, true)))
                .expectNoEvents().expectExceptionMessage("must be FLAG or REFUSE");
        fixture.givenNoPriorActivity().when(new CreateProject(TENANT, "x", new ProjectSettings("X", "Asia/Tashkent", 150, "FLAG", 241, true)))
                .expectNoEvents().expectExceptionMessage("must be between 0 and 240");
        ProjectSettings strict = new ProjectSettings("Toshkent", "Asia/Samarkand", 80, "REFUSE", 5, false);
        fixture.given(created()).when(new UpdateProject(TENANT, "toshkent", strict)).expectEvents(new ProjectUpdated("toshkent", strict));
    }

    @Test
    void dictionaryEntriesAreDeactivatedNeverDeleted() {
        fixture.given(created()).when(new AddReference(TENANT, "toshkent", "visit-types", "oddiy", "Oddiy tashrif", null))
                .expectEvents(new ReferenceAdded("toshkent", "visit-types", "oddiy", "Oddiy tashrif", 1));
        fixture.given(created(), new ReferenceAdded("toshkent", "visit-types", "oddiy", "Oddiy", 1))
                .when(new AddReference(TENANT, "toshkent", "visit-types", "oddiy", "Boshqa", 2))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        // the same id in another dictionary is another entry
        fixture.given(created(), new ReferenceAdded("toshkent", "visit-types", "oddiy", "Oddiy", 1))
                .when(new AddReference(TENANT, "toshkent", "visit-priorities", "oddiy", "Oddiy", 5))
                .expectEvents(new ReferenceAdded("toshkent", "visit-priorities", "oddiy", "Oddiy", 5));
        fixture.given(created(), new ReferenceAdded("toshkent", "visit-types", "oddiy", "Oddiy", 1))
                .when(new ChangeReference(TENANT, "toshkent", "visit-types", "oddiy", "Oddiy", 1, false))
                .expectEvents(new ReferenceChanged("toshkent", "visit-types", "oddiy", "Oddiy", 1, false));
        fixture.given(created()).when(new ChangeReference(TENANT, "toshkent", "visit-types", "yoq", "Yo'q", 1, true))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
    }

    @Test
    void aStepIsVersionedAndItsKindAgreesWithItsOptions() {
        VisitStepSpec photo = new VisitStepSpec("Javon rasmi", "PHOTO", true, null, null, 1);
        fixture.given(created()).when(new DefineVisitStep(TENANT, "toshkent", "shelf", photo))
                .expectEvents(new VisitStepVersioned("toshkent", "shelf", 1, "Javon rasmi", "PHOTO", true, List.of(), List.of(), 1));
        fixture.given(created(), new VisitStepVersioned("toshkent", "shelf", 1, "Javon", "PHOTO", true, List.of(), List.of(), 1))
                .when(new ReviseVisitStep(TENANT, "toshkent", "shelf", new VisitStepSpec("Javon", "PHOTO", false, null, null, 2)))
                .expectEvents(new VisitStepVersioned("toshkent", "shelf", 2, "Javon", "PHOTO", false, List.of(), List.of(), 2));
        fixture.given(created()).when(new ReviseVisitStep(TENANT, "toshkent", "shelf", photo))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(created()).when(new DefineVisitStep(TENANT, "toshkent", "mood", new VisitStepSpec("Kayfiyat", "CHOICE", false, List.of("a"), null, 1)))
                .expectNoEvents().expectExceptionMessage("a CHOICE step needs at least two options");
        fixture.given(created()).when(new DefineVisitStep(TENANT, "toshkent", "n", new VisitStepSpec("Soni", "NUMBER", false, List.of("a", "b"), null, 1)))
                .expectNoEvents().expectExceptionMessage("only a CHOICE step has options");
        fixture.given(created()).when(new DefineVisitStep(TENANT, "toshkent", "n", new VisitStepSpec("Soni", "SLIDER", false, null, null, 1)))
                .expectNoEvents().expectExceptionMessage("must be one of [CHECK, CHOICE, NUMBER, PHOTO, TEXT]");
        fixture.given(created()).when(new DefineVisitStep(TENANT, "toshkent", "n", new VisitStepSpec("Soni", "NUMBER", false, null, List.of("audit"), 1)))
                .expectNoEvents().expectExceptionMessage("audit is not one of the project's visit-types");
    }

    @Test
    void theRulesAVisitFollowsAreTheCurrentVersionsForItsType() {
        fixture.given(created(), new ReferenceAdded("toshkent", "visit-types", "audit", "Audit", 1),
                        new VisitStepVersioned("toshkent", "shelf", 1, "Javon", "PHOTO", true, List.of(), List.of(), 2),
                        new VisitStepVersioned("toshkent", "count", 1, "Sanoq", "NUMBER", true, List.of(), List.of("audit"), 1),
                        new VisitStepVersioned("toshkent", "shelf", 2, "Javon", "PHOTO", false, List.of(), List.of(), 2))
                .when(new UpdateProject(TENANT, "toshkent", SETTINGS))
                .expectState(p -> {
                    Project.Rules rules = p.rules();
                    assertThat(rules.checklistFor("audit")).containsExactly(new StepRef("count", 1, "NUMBER", true, List.of()),
                            new StepRef("shelf", 2, "PHOTO", false, List.of()));
                    assertThat(rules.checklistFor(null)).containsExactly(new StepRef("shelf", 2, "PHOTO", false, List.of()));
                    assertThat(rules.refusal("visit-types", "audit")).isNull();
                    assertThat(rules.refusal("visit-types", "oddiy")).isEqualTo("is not one of the project's visit-types");
                });
    }
}
