package uz.hisob.command.field;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.field.ChangeRoute;
import uz.hisob.api.field.DefineRoute;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.field.RouteChanged;
import uz.hisob.events.field.RouteDefined;

import java.util.List;
import java.util.Map;

import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of every command a route decides. */
class RouteTest {

    static final String TENANT = "demo";

    AggregateTestFixture<Route> fixture;
    InMemoryField field;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Route.class);
        field = new InMemoryField();
        field.projects.put("toshkent", InMemoryField.rules("toshkent", new ProjectSettings("T", "Asia/Tashkent", 150, "FLAG", 0, true),
                Map.of("visit-types", Map.of("oddiy", true)), List.of(), Map.of()));
        field.agents.put("toshkent/ali", true);
        field.clients.put("a", new FieldDirectory.ClientFacts("toshkent", null, false, List.of()));
        field.clients.put("b", new FieldDirectory.ClientFacts("toshkent", null, false, List.of()));
        field.clients.put("x", new FieldDirectory.ClientFacts("samarqand", null, false, List.of()));
        fixture.registerInjectableResource(field);
    }

    static RouteDefined defined() {
        return new RouteDefined(TENANT, "r1", "toshkent", "ali", "Dushanba", List.of(1, 4), List.of("a", "b"), "oddiy");
    }

    @Test
    void aRouteIsAnAgentsClientsOnWeekdays() {
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "ali", "Dushanba", List.of(1, 4), List.of("a", "b"), "oddiy"))
                .expectEvents(defined());
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "vali", "X", List.of(1), List.of("a"), null))
                .expectNoEvents().expectExceptionMessage("is not an agent of the project");
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "ali", "X", List.of(0, 8), List.of("a"), null))
                .expectNoEvents().expectExceptionMessage("must be distinct ISO weekdays 1 (Monday) to 7 (Sunday)");
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "ali", "X", List.of(1, 1), List.of("a"), null))
                .expectNoEvents().expectExceptionMessage("must be distinct ISO weekdays 1 (Monday) to 7 (Sunday)");
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "ali", "X", List.of(1), List.of("a", "x"), null))
                .expectNoEvents().expectExceptionMessage("x is not a client of the project");
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "ali", "X", List.of(1), List.of("a", "a"), null))
                .expectNoEvents().expectExceptionMessage("must be 1 to 500 distinct clients");
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "samarqand", "r1", "ali", "X", List.of(1), List.of("a"), null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.givenNoPriorActivity().when(new DefineRoute(TENANT, "toshkent", "r1", "ali", "X", List.of(1), List.of("a"), "audit"))
                .expectNoEvents().expectExceptionMessage("is not one of the project's visit-types");
    }

    @Test
    void aRouteChangesWithinItsProject() {
        fixture.given(defined()).when(new ChangeRoute(TENANT, "toshkent", "r1", "ali", "Har kuni", List.of(1, 2, 3, 4, 5), List.of("b"), null))
                .expectEvents(new RouteChanged("r1", "toshkent", "ali", "Har kuni", List.of(1, 2, 3, 4, 5), List.of("b"), null));
        fixture.given(defined()).when(new ChangeRoute(TENANT, "samarqand", "r1", "ali", "X", List.of(1), List.of("a"), null))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
    }
}
