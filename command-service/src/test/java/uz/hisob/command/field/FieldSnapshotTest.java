package uz.hisob.command.field;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.ClientRegistered;
import uz.hisob.events.field.GeoPoint;
import uz.hisob.events.field.ProjectCreated;
import uz.hisob.events.field.ProjectSettings;
import uz.hisob.events.field.ReferenceAdded;
import uz.hisob.events.field.RouteDefined;
import uz.hisob.events.field.TrackPoint;
import uz.hisob.events.field.TrackUploaded;
import uz.hisob.events.field.VisitStepAnswered;
import uz.hisob.events.field.VisitStepVersioned;
import uz.hisob.platform.axon.AxonCommonConfig;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Field sales' aggregates written as snapshots and read back are the same (Axon snapshots go through the serializer). */
class FieldSnapshotTest {

    final Serializer serializer = new AxonCommonConfig().serializer();

    <T> T roundTrip(T aggregate) {
        SerializedObject<byte[]> bytes = serializer.serialize(aggregate, byte[].class);
        return serializer.deserialize(bytes);
    }

    @Test
    void anAgentWithOpenVisitsAndOneInProgress() {
        Agent agent = new Agent();
        agent.on(AgentTest.enrolled());
        agent.on(AgentTest.planned("v1", "dokon", AgentTest.TODAY));
        agent.on(AgentTest.planned("v2", "dokon", AgentTest.TODAY.plusDays(1)));
        agent.on(AgentTest.checkedIn("v1", AgentTest.NOW, List.of("LATE")));
        agent.on(new VisitStepAnswered("v1", "toshkent", "facings", 2, "NUMBER", "3", List.of()));
        agent.on(new TrackUploaded("ali", "toshkent", List.of(new TrackPoint(AgentTest.NOW.plusSeconds(60), 41.3, 69.2, 5.0, null, 80, false))));
        Agent back = roundTrip(agent);
        assertThat(back).usingRecursiveComparison().isEqualTo(agent);
    }

    @Test
    void aProjectAClientAndARoute() {
        Project project = new Project();
        project.on(new ProjectCreated("demo", "toshkent", new ProjectSettings("T", "Asia/Tashkent", 150, "FLAG", 5, true)));
        project.on(new ReferenceAdded("toshkent", "visit-types", "oddiy", "Oddiy", 1));
        project.on(new VisitStepVersioned("toshkent", "mood", 1, "Kayfiyat", "CHOICE", false, List.of("a", "b"), List.of("oddiy"), 1));
        assertThat(roundTrip(project)).usingRecursiveComparison().isEqualTo(project);

        Client client = new Client();
        client.on(new ClientRegistered("demo", "baraka", "toshkent", new ClientDetails("Baraka", null, null, null, null,
                new GeoPoint(41.3, 69.2), null, null, List.of("ali"), List.of())));
        assertThat(roundTrip(client)).usingRecursiveComparison().isEqualTo(client);

        Route route = new Route();
        route.on(new RouteDefined("demo", "r1", "toshkent", "ali", "R", List.of(1, 3), List.of("baraka"), null));
        assertThat(roundTrip(route)).usingRecursiveComparison().isEqualTo(route);
    }
}
