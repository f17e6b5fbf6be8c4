package uz.hisob.command.field;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.field.AnswerVisitStep;
import uz.hisob.api.field.AttachVisitImage;
import uz.hisob.api.field.CancelVisit;
import uz.hisob.api.field.ChangeAgent;
import uz.hisob.api.field.CheckInUnplanned;
import uz.hisob.api.field.CheckInVisit;
import uz.hisob.api.field.CheckOutVisit;
import uz.hisob.api.field.DeviceFix;
import uz.hisob.api.field.EnrolAgent;
import uz.hisob.api.field.MarkVisitMissed;
import uz.hisob.api.field.PlanVisit;
import uz.hisob.api.field.RescheduleVisit;
import uz.hisob.api.field.StepValue;
import uz.hisob.api.field.UploadTrack;
import uz.hisob.api.field.VisitPlan;
import uz.hisob.command.images.InMemoryImageStore;
import uz.hisob.events.field.AgentChanged;
import uz.hisob.events.field.AgentEnrolled;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of every command an agent's aggregate decides: its enrolment, its plans, its visits. */
class AgentTest {

    static final String TENANT = "demo";
    /** A Wednesday, 14:00 in Tashkent. */
    static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-04-01");
    static final GeoPoint SHOP = new GeoPoint(41.311100, 69.279700);
    static final List<StepRef> CHECKLIST = List.of(
            new StepRef("shelf", 1, "PHOTO", true, List.of()),
            new StepRef("facings", 2, "NUMBER", true, List.of()),
            new StepRef("clean", 1, "CHECK", false, List.of()),
            new StepRef("mood", 1, "CHOICE", false, List.of("yaxshi", "yomon")),
            new StepRef("note", 1, "TEXT", false, List.of()));

    AggregateTestFixture<Agent> fixture;
    InMemoryField field;
    InMemoryField.Users users;
    InMemoryImageStore images;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
        fixture.givenCurrentTime(NOW);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        field = new InMemoryField();
        users = new InMemoryField.Users();
        images = new InMemoryImageStore();
        images.store(TENANT, "photo-1", "aa", "image/jpeg", new byte[] {1}, new byte[] {1});
        fixture.registerInjectableResource(field);
        fixture.registerInjectableResource(users);
        fixture.registerInjectableResource(images);
        project(ProjectSettings.FLAG, 0);
        field.clients.put("dokon", new FieldDirectory.ClientFacts("toshkent", SHOP, false, List.of()));
        field.clients.put("yangi", new FieldDirectory.ClientFacts("toshkent", null, false, List.of()));
        field.clients.put("yopiq", new FieldDirectory.ClientFacts("toshkent", SHOP, true, List.of()));
        field.clients.put("boshqa", new FieldDirectory.ClientFacts("samarqand", SHOP, false, List.of()));
        field.owners.put("v1", new VisitOwners.Owner("ali", "toshkent"));
    }

    void project(String policy, int minVisitMinutes) {
        field.projects.put("toshkent", InMemoryField.rules("toshkent",
                new ProjectSettings("Toshkent", "Asia/Tashkent", 150, policy, minVisitMinutes, true),
                Map.of("visit-types", Map.of("oddiy", true, "eski", false), "cancel-reasons", Map.of("yopiq", true),
                        "visit-outcomes", Map.of("buyurtma", true)),
                CHECKLIST, Map.of()));
    }

    static AgentEnrolled enrolled() {
        return new AgentEnrolled(TENANT, "ali", "toshkent", "u-ali", "ali", "Ali Valiyev", null, null);
    }

    static VisitPlanned planned(String visitId, String clientId, LocalDate day) {
        return new VisitPlanned(visitId, "toshkent", clientId, "ali", day, LocalTime.of(10, 0), "oddiy", null, null, null);
    }

    static VisitPlan plan(String visitId, String clientId, LocalDate day, String typeId) {
        return new VisitPlan(visitId, clientId, "ali", day, null, typeId, null, null, null);
    }

    /** {@code meters} north of the shop. */
    static Fix north(double meters, Double accuracy) {
        return new Fix(SHOP.lat() + meters / 111_195.0, SHOP.lon(), accuracy);
    }

    static DeviceFix at(Instant at, Fix fix) {
        return new DeviceFix(at, fix, false, "gps");
    }

    static VisitCheckedIn checkedIn(String visitId, Instant at, List<String> flags) {
        return new VisitCheckedIn(visitId, "toshkent", "ali", "dokon", at, north(0, 5.0), false, "gps", 0L, true, 150, flags, false,
                "oddiy", CHECKLIST, at);
    }

    // ---------------------------------------------------------------- the agent

    @Test
    void anAgentIsAUserBoundToItsProject() {
        fixture.givenNoPriorActivity()
                .when(new EnrolAgent(TENANT, "toshkent", "ali", "u-ali", "ali", "$2a$hash", "Ali Valiyev", null, null))
                .expectEvents(enrolled());
        assertThat(users.created.get("ali")).isEqualTo(Map.of("project", "toshkent", "agent", "ali"));
        fixture.givenNoPriorActivity()
                .when(new EnrolAgent(TENANT, "samarqand", "vali", "u-vali", "vali", "$2a$hash", "Vali", null, null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.givenNoPriorActivity()
                .when(new EnrolAgent(TENANT, "toshkent", "ali2", "u-ali2", "ali", "$2a$hash", "Ali", null, null))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
    }

    @Test
    void anAgentsOnecCodeIsItsAloneInTheProject() {
        field.agentCodes.put("toshkent/A-7", "vali");
        fixture.givenNoPriorActivity()
                .when(new EnrolAgent(TENANT, "toshkent", "ali", "u-ali", "ali", "$2a$hash", "Ali Valiyev", null, "A-7"))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(enrolled()).when(new ChangeAgent(TENANT, "toshkent", "ali", "Ali", null, "A-7", true))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(enrolled()).when(new ChangeAgent(TENANT, "toshkent", "ali", "Ali", null, "A-1", true))
                .expectEvents(new AgentChanged("ali", "toshkent", "Ali", null, "A-1", true));
        assertThat(field.agentByCode(TENANT, "toshkent", "A-1")).contains("ali");
        // a code given up is free for another agent
        fixture.given(enrolled(), new AgentChanged("ali", "toshkent", "Ali", null, "A-1", true))
                .when(new ChangeAgent(TENANT, "toshkent", "ali", "Ali", null, null, true))
                .expectEvents(new AgentChanged("ali", "toshkent", "Ali", null, null, true));
        assertThat(field.agentByCode(TENANT, "toshkent", "A-1")).isEmpty();
    }

    @Test
    void anInactiveAgentCannotSignInNorBePlanned() {
        fixture.given(enrolled()).when(new ChangeAgent(TENANT, "toshkent", "ali", "Ali V.", "+998901234567", "A-1", false))
                .expectEvents(new AgentChanged("ali", "toshkent", "Ali V.", "+998901234567", "A-1", false));
        assertThat(users.active.get("u-ali")).isFalse();
        fixture.given(enrolled()).when(new ChangeAgent(TENANT, "samarqand", "ali", "Ali", null, null, true))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(enrolled(), new AgentChanged("ali", "toshkent", "Ali", null, null, false))
                .when(new PlanVisit(TENANT, "toshkent", plan("v2", "dokon", TODAY, null)))
                .expectNoEvents().expectException(refused("AGENT_INACTIVE"));
    }

    // ---------------------------------------------------------------- plans

    @Test
    void aVisitIsPlannedForAnActiveClientOfTheProjectFromToday() {
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v2", "dokon", TODAY, "oddiy")))
                .expectEvents(new VisitPlanned("v2", "toshkent", "dokon", "ali", TODAY, null, "oddiy", null, null, null));
        assertThat(field.owners.get("v2")).isEqualTo(new VisitOwners.Owner("ali", "toshkent"));
        // missed once the day is over in Tashkent: midnight there is 19:00 UTC
        assertThat(field.due.get("v2")).isEqualTo(Instant.parse("2026-04-01T19:00:00Z"));
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v1", "dokon", TODAY, null)))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v3", "yopiq", TODAY, null)))
                .expectNoEvents().expectException(refused("CLIENT_ARCHIVED"));
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v4", "boshqa", TODAY, null)))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED")).expectExceptionMessage("is not a client of the project");
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v5", "dokon", TODAY, "eski")))
                .expectNoEvents().expectExceptionMessage("is an inactive entry of visit-types");
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v6", "dokon", TODAY.minusDays(8), null)))
                .expectNoEvents().expectExceptionMessage("must not be more than 7 days before today (2026-04-01 in Asia/Tashkent)");
        // a plan recorded late is missed at once: its day is over
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "toshkent", plan("v8", "dokon", TODAY.minusDays(7), null)))
                .expectSuccessfulHandlerExecution();
        assertThat(field.due.get("v8")).isEqualTo(Instant.parse("2026-03-25T19:00:00Z"));
        fixture.given(enrolled()).when(new PlanVisit(TENANT, "samarqand", plan("v7", "dokon", TODAY, null)))
                .expectNoEvents().expectExceptionMessage("is not an agent of the project");
    }

    @Test
    void onlyAPlannedOrMissedVisitIsRescheduledOrCancelled() {
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new RescheduleVisit(TENANT, "ali", "v1", TODAY.plusDays(2), LocalTime.NOON))
                .expectEvents(new VisitRescheduled("v1", "toshkent", TODAY.plusDays(2), LocalTime.NOON));
        assertThat(field.due.get("v1")).isEqualTo(Instant.parse("2026-04-03T19:00:00Z"));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY.minusDays(1)), new VisitMissed("v1", "toshkent", TODAY.minusDays(1)))
                .when(new CancelVisit(TENANT, "ali", "v1", "yopiq", null))
                .expectEvents(new VisitCancelled("v1", "toshkent", "yopiq", null));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY), checkedIn("v1", NOW, List.of()))
                .when(new CancelVisit(TENANT, "ali", "v1", null, "do'kon yopiq"))
                .expectNoEvents().expectException(refused("VISIT_NOT_PLANNED"));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY), new VisitCancelled("v1", "toshkent", null, "yopiq"))
                .when(new RescheduleVisit(TENANT, "ali", "v1", TODAY, null))
                .expectNoEvents().expectException(refused("VISIT_NOT_PLANNED"));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CancelVisit(TENANT, "ali", "v1", null, " "))
                .expectNoEvents().expectExceptionMessage("a reasonId or a reason is required");
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CancelVisit(TENANT, "ali", "v1", "yomg'ir", null))
                .expectNoEvents().expectExceptionMessage("is not one of the project's cancel-reasons");
    }

    @Test
    void aPlannedVisitIsMissedOnlyOnceItsDayIsOver() {
        LocalDate yesterday = TODAY.minusDays(1);
        field.due.put("v1", NOW.minusSeconds(3600));
        fixture.given(enrolled(), planned("v1", "dokon", yesterday)).when(new MarkVisitMissed(TENANT, "ali", "v1"))
                .expectEvents(new VisitMissed("v1", "toshkent", yesterday));
        assertThat(field.due).doesNotContainKey("v1");
        fixture.given(enrolled(), planned("v1", "dokon", TODAY)).when(new MarkVisitMissed(TENANT, "ali", "v1")).expectNoEvents();
        fixture.given(enrolled(), planned("v1", "dokon", yesterday), new VisitMissed("v1", "toshkent", yesterday))
                .when(new MarkVisitMissed(TENANT, "ali", "v1")).expectNoEvents();
        fixture.given(enrolled(), planned("v1", "dokon", yesterday), checkedIn("v1", NOW, List.of("LATE")))
                .when(new MarkVisitMissed(TENANT, "ali", "v1")).expectNoEvents();
    }

    // ---------------------------------------------------------------- check-in

    @Test
    void aCheckInWithinTheGeofenceHasNoFlags() {
        Instant at = NOW.minusSeconds(60);
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(at, north(120, 10.0)), NOW))
                .expectEvents(new VisitCheckedIn("v1", "toshkent", "ali", "dokon", at, north(120, 10.0), false, "gps", 120L, true, 150,
                        List.of(), false, "oddiy", CHECKLIST, NOW))
                .expectResultMessagePayload(Map.of("status", "IN_PROGRESS", "distanceMeters", 120L, "withinGeofence", true, "flags", List.of()));
        // 150 m radius plus the accuracy, at most the radius again: 290 m with 150 m accuracy is inside, 310 m is not
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(at, north(290, 150.0)), NOW))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasEntry("flags", (Object) List.of("LOW_ACCURACY")));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(at, north(310, 400.0)), NOW))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasEntry("flags", (Object) List.of("OUT_OF_GEOFENCE", "LOW_ACCURACY")));
    }

    @Test
    void outsideTheGeofenceIsFlaggedOrRefusedByPolicy() {
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(500, 20.0)), NOW))
                .expectResultMessagePayload(Map.of("status", "IN_PROGRESS", "distanceMeters", 500L, "withinGeofence", false,
                        "flags", List.of("OUT_OF_GEOFENCE")));
        project(ProjectSettings.REFUSE, 0);
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(500, 20.0)), NOW))
                .expectNoEvents().expectException(refused("OUT_OF_GEOFENCE", Map.of("distanceMeters", 500L, "radiusMeters", 150)));
    }

    @Test
    void aClientWithoutALocationLearnsAnAccurateCheckInsLocation() {
        field.owners.put("v2", new VisitOwners.Owner("ali", "toshkent"));
        fixture.given(enrolled(), planned("v2", "yangi", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v2", at(null, north(0, 30.0)), NOW))
                .expectResultMessagePayload(withNulls());
        assertThat(field.learned).containsExactly("yangi@41.3111,69.2797 by v2");
        field.learned.clear();
        fixture.given(enrolled(), planned("v2", "yangi", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v2", at(null, north(0, 80.0)), NOW))
                .expectSuccessfulHandlerExecution();
        assertThat(field.learned).isEmpty();
    }

    private static Map<String, Object> withNulls() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", "IN_PROGRESS");
        m.put("distanceMeters", null);
        m.put("withinGeofence", null);
        m.put("flags", List.of("NO_CLIENT_LOCATION"));
        return m;
    }

    @Test
    void everyFlagOfACheckIn() {
        // a missed visit checked in two days late the same week, mocked, uploaded three hours after it happened
        Instant at = NOW.minus(Duration.ofHours(3));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY.minusDays(2)), new VisitMissed("v1", "toshkent", TODAY.minusDays(2)))
                .when(new CheckInVisit(TENANT, "ali", "v1", new DeviceFix(at, north(10, 120.0), true, "fused"), NOW))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasEntry("flags",
                        (Object) List.of("LATE", "MOCK_LOCATION", "LOW_ACCURACY", "LATE_UPLOAD")));
        // a visit missed last week is over
        fixture.given(enrolled(), planned("v1", "dokon", TODAY.minusDays(3)), new VisitMissed("v1", "toshkent", TODAY.minusDays(3)))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(10, 5.0)), NOW))
                .expectNoEvents().expectException(refused("VISIT_NOT_PLANNED"));
        // 30 km from the previous check-out in ten minutes is 180 km/h
        Instant out = NOW.minus(Duration.ofMinutes(10));
        field.owners.put("v0", new VisitOwners.Owner("ali", "toshkent"));
        fixture.given(enrolled(), planned("v0", "dokon", TODAY), checkedIn("v0", out.minusSeconds(600), List.of()),
                        new VisitCheckedOut("v0", "toshkent", "ali", out, north(30_000, 5.0), 30_000L, 600, null, null,
                                List.of("CHECKOUT_OUT_OF_GEOFENCE"), out), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(0, 5.0)), NOW))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasEntry("flags", (Object) List.of("IMPOSSIBLE_TRAVEL")));
    }

    @Test
    void oneVisitInProgressPerAgent() {
        field.owners.put("v2", new VisitOwners.Owner("ali", "toshkent"));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY), planned("v2", "dokon", TODAY), checkedIn("v1", NOW.minusSeconds(60), List.of()))
                .when(new CheckInVisit(TENANT, "ali", "v2", at(null, north(0, 5.0)), NOW))
                .expectNoEvents().expectException(refused("VISIT_IN_PROGRESS", Map.of("visitId", "v1")));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY), checkedIn("v1", NOW.minusSeconds(60), List.of()))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(0, 5.0)), NOW))
                .expectNoEvents().expectException(refused("VISIT_NOT_PLANNED"));
        fixture.given(enrolled(), planned("v1", "yopiq", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(0, 5.0)), NOW))
                .expectNoEvents().expectException(refused("CLIENT_ARCHIVED"));
    }

    @Test
    void aCheckInsTimeIsThePastThreeDaysAndAfterThePreviousCheckOut() {
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(NOW.plusSeconds(600), north(0, 5.0)), NOW))
                .expectNoEvents().expectExceptionMessage("must not be in the future");
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(NOW.minus(Duration.ofHours(73)), north(0, 5.0)), NOW))
                .expectNoEvents().expectExceptionMessage("must be within the last 72 hours");
        Instant out = NOW.minusSeconds(300);
        field.owners.put("v0", new VisitOwners.Owner("ali", "toshkent"));
        fixture.given(enrolled(), planned("v0", "dokon", TODAY), checkedIn("v0", out.minusSeconds(900), List.of()),
                        new VisitCheckedOut("v0", "toshkent", "ali", out, north(0, 5.0), 0L, 900, null, null, List.of(), out),
                        planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(out.minusSeconds(1), north(0, 5.0)), NOW))
                .expectNoEvents().expectExceptionMessage("must not be before the agent's previous check-out (" + out + ")");
    }

    @Test
    void anUnplannedVisitIsFlaggedAndClaimsItsId() {
        fixture.given(enrolled())
                .when(new CheckInUnplanned(TENANT, "toshkent", "ali", "u1", "dokon", null, at(NOW, north(0, 5.0)), NOW))
                .expectEvents(new VisitCheckedIn("u1", "toshkent", "ali", "dokon", NOW, north(0, 5.0), false, "gps", 0L, true, 150,
                        List.of("UNPLANNED"), true, null, CHECKLIST, NOW));
        assertThat(field.owners).containsKey("u1");
        fixture.given(enrolled())
                .when(new CheckInUnplanned(TENANT, "toshkent", "ali", "v1", "dokon", null, at(NOW, north(0, 5.0)), NOW))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.given(enrolled())
                .when(new CheckInUnplanned(TENANT, "samarqand", "ali", "u2", "boshqa", null, at(NOW, north(0, 5.0)), NOW))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
    }

    // ---------------------------------------------------------------- the track

    static TrackPoint point(Instant at, double metersNorth, Double accuracy) {
        return new TrackPoint(at, SHOP.lat() + metersNorth / 111_195.0, SHOP.lon(), accuracy, null, 80, false);
    }

    @Test
    void aTrackBatchKeepsItsNewValidPointsInOneEvent() {
        Instant t1 = NOW.minusSeconds(120);
        Instant t2 = NOW.minusSeconds(60);
        field.trackKeys.add(NOW.minusSeconds(180));
        List<TrackPoint> batch = List.of(point(t2, 50, 10.0), point(t1, 0, 10.0), point(t2, 51, 10.0),
                new TrackPoint(NOW, 91, 0, 5.0, null, null, false), point(NOW.plusSeconds(600), 0, 5.0),
                point(NOW.minus(Duration.ofDays(8)), 0, 5.0), point(NOW, 0, 600.0), point(NOW.minusSeconds(180), 0, 5.0));
        fixture.given(enrolled()).when(new UploadTrack(TENANT, "ali", batch, NOW))
                .expectEvents(new TrackUploaded("ali", "toshkent", List.of(point(t1, 0, 10.0), point(t2, 50, 10.0))))
                .expectResultMessagePayload(Map.of("accepted", 2, "duplicates", 2, "rejected", List.of(
                        Map.of("index", 3, "reason", "COORDINATES_OUT_OF_RANGE"), Map.of("index", 4, "reason", "IN_THE_FUTURE"),
                        Map.of("index", 5, "reason", "TOO_OLD"), Map.of("index", 6, "reason", "LOW_ACCURACY"))));
        // the same batch again changes nothing
        fixture.given(enrolled()).when(new UploadTrack(TENANT, "ali", List.of(point(t1, 0, 10.0)), NOW))
                .expectNoEvents().expectResultMessagePayload(Map.of("accepted", 0, "duplicates", 1, "rejected", List.of()));
    }

    @Test
    void aCheckInFarFromTheLastTrackPointSoonAfterIsImpossibleTravel() {
        fixture.given(enrolled(), new TrackUploaded("ali", "toshkent", List.of(point(NOW.minusSeconds(300), 20_000, 5.0))),
                        planned("v1", "dokon", TODAY))
                .when(new CheckInVisit(TENANT, "ali", "v1", at(null, north(0, 5.0)), NOW))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasEntry("flags", (Object) List.of("IMPOSSIBLE_TRAVEL")));
    }

    // ---------------------------------------------------------------- in the visit, and out

    @Test
    void eachStepIsAnsweredByItsKind() {
        Object[] onSite = {enrolled(), planned("v1", "dokon", TODAY), checkedIn("v1", NOW.minusSeconds(600), List.of())};
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "facings", new StepValue("number", "12.50"), null))
                .expectEvents(new VisitStepAnswered("v1", "toshkent", "facings", 2, "NUMBER", "12.5", List.of()));
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "facings", new StepValue("string", "12"), null))
                .expectNoEvents().expectExceptionMessage("must be a number");
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "clean", new StepValue("boolean", "true"), null))
                .expectEvents(new VisitStepAnswered("v1", "toshkent", "clean", 1, "CHECK", "true", List.of()));
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "mood", new StepValue("string", "zo'r"), null))
                .expectNoEvents().expectExceptionMessage("must be one of [yaxshi, yomon]");
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "note", new StepValue("string", " "), null))
                .expectNoEvents().expectExceptionMessage("must be a text of 1 to 4000 characters");
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "shelf", StepValue.NONE, List.of()))
                .expectNoEvents().expectExceptionMessage("a PHOTO step needs at least one image");
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "shelf", StepValue.NONE, List.of("photo-9")))
                .expectNoEvents().expectExceptionMessage("photo-9 is not an uploaded image");
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "shelf", StepValue.NONE, List.of("photo-1")))
                .expectEvents(new VisitStepAnswered("v1", "toshkent", "shelf", 1, "PHOTO", null, List.of("photo-1")));
        fixture.given(onSite).when(new AnswerVisitStep(TENANT, "ali", "v1", "nope", new StepValue("boolean", "true"), null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new AnswerVisitStep(TENANT, "ali", "v1", "clean", new StepValue("boolean", "true"), null))
                .expectNoEvents().expectException(refused("VISIT_NOT_IN_PROGRESS"));
        fixture.given(onSite).when(new AttachVisitImage(TENANT, "ali", "v1", "photo-1", "shelf"))
                .expectEvents(new VisitImageAttached("v1", "toshkent", "photo-1", "shelf"));
        fixture.given(onSite).when(new AttachVisitImage(TENANT, "ali", "v1", "photo-1", "polka"))
                .expectNoEvents().expectExceptionMessage("is not a step of the visit's checklist");
    }

    @Test
    void aCheckOutNeedsTheRequiredStepsAndIsFlaggedWhenShortOrAway() {
        Instant in = NOW.minusSeconds(600);
        Object[] onSite = {enrolled(), planned("v1", "dokon", TODAY), checkedIn("v1", in, List.of())};
        fixture.given(onSite).when(new CheckOutVisit(TENANT, "ali", "v1", at(NOW, north(0, 5.0)), null, null, NOW))
                .expectNoEvents().expectException(refused("STEPS_INCOMPLETE", Map.of("missing", List.of("shelf", "facings"))));
        project(ProjectSettings.FLAG, 15);
        fixture.given(enrolled(), planned("v1", "dokon", TODAY), checkedIn("v1", in, List.of("LATE")),
                        new VisitStepAnswered("v1", "toshkent", "shelf", 1, "PHOTO", null, List.of("photo-1")),
                        new VisitStepAnswered("v1", "toshkent", "facings", 2, "NUMBER", "4", List.of()))
                .when(new CheckOutVisit(TENANT, "ali", "v1", at(NOW, north(400, 5.0)), "buyurtma", "ok", NOW))
                .expectEvents(new VisitCheckedOut("v1", "toshkent", "ali", NOW, north(400, 5.0), 400L, 600, "buyurtma", "ok",
                        List.of("TOO_SHORT", "CHECKOUT_OUT_OF_GEOFENCE"), NOW))
                .expectResultMessagePayload(Map.of("status", "COMPLETED", "durationSeconds", 600L,
                        "flags", List.of("LATE", "TOO_SHORT", "CHECKOUT_OUT_OF_GEOFENCE")));
        fixture.given(onSite).when(new CheckOutVisit(TENANT, "ali", "v1", at(in.minusSeconds(1), north(0, 5.0)), null, null, NOW))
                .expectNoEvents().expectExceptionMessage("must not be before the check-in (" + in + ")");
        fixture.given(enrolled(), planned("v1", "dokon", TODAY))
                .when(new CheckOutVisit(TENANT, "ali", "v1", at(NOW, north(0, 5.0)), null, null, NOW))
                .expectNoEvents().expectException(refused("VISIT_NOT_IN_PROGRESS"));
    }
}
