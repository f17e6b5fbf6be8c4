package uz.hisob.command.field;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.field.ArchiveClient;
import uz.hisob.api.field.AttachClientImage;
import uz.hisob.api.field.ChangeClient;
import uz.hisob.api.field.RegisterClient;
import uz.hisob.api.field.RestoreClient;
import uz.hisob.command.images.InMemoryImageStore;
import uz.hisob.events.field.ClientArchived;
import uz.hisob.events.field.ClientChanged;
import uz.hisob.events.field.ClientDetails;
import uz.hisob.events.field.ClientImageAttached;
import uz.hisob.events.field.ClientLocationLearned;
import uz.hisob.events.field.ClientRegistered;
import uz.hisob.events.field.ClientRestored;
import uz.hisob.events.field.GeoPoint;
import uz.hisob.events.field.ProjectSettings;

import java.util.List;
import java.util.Map;

import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of every command a client decides. */
class ClientTest {

    static final String TENANT = "demo";

    AggregateTestFixture<Client> fixture;
    InMemoryField field;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Client.class);
        field = new InMemoryField();
        field.projects.put("toshkent", InMemoryField.rules("toshkent", new ProjectSettings("T", "Asia/Tashkent", 150, "FLAG", 0, true),
                Map.of(), List.of(), Map.of()));
        field.agents.put("toshkent/ali", true);
        field.priceLists.add("chakana");
        InMemoryImageStore images = new InMemoryImageStore();
        images.store(TENANT, "rasm", "bb", "image/png", new byte[] {1}, new byte[] {1});
        fixture.registerInjectableResource(field);
        fixture.registerInjectableResource(images);
    }

    static ClientDetails details(String onecCode, GeoPoint at, List<String> agents) {
        return new ClientDetails("Baraka do'koni", "Baraka MChJ", "301234567", "+998901112233", "Chilonzor 9", at, onecCode,
                null, agents, List.of("retail"));
    }

    static ClientRegistered registered() {
        return new ClientRegistered(TENANT, "baraka", "toshkent", details("K-1", null, List.of()));
    }

    @Test
    void aClientIsRegisteredWithAOnecCodeUniqueInItsProject() {
        fixture.givenNoPriorActivity().when(new RegisterClient(TENANT, "toshkent", "baraka", details("K-1", null, List.of())))
                .expectEvents(registered());
        field.onecCodes.put("toshkent/K-2", "other");
        fixture.givenNoPriorActivity().when(new RegisterClient(TENANT, "toshkent", "baraka", details("K-2", null, List.of())))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS", Map.of("clientId", "other")));
        fixture.givenNoPriorActivity().when(new RegisterClient(TENANT, "samarqand", "baraka", details(null, null, List.of())))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.givenNoPriorActivity().when(new RegisterClient(TENANT, "toshkent", "baraka", details(null, null, List.of("vali"))))
                .expectNoEvents().expectExceptionMessage("vali is not an agent of the project");
        fixture.givenNoPriorActivity().when(new RegisterClient(TENANT, "toshkent", "baraka",
                        new ClientDetails("B", null, null, null, null, null, null, "ulgurji", List.of(), List.of())))
                .expectNoEvents().expectExceptionMessage("is not a price list of the catalogue");
    }

    @Test
    void changesStayInTheClientsProject() {
        ClientDetails moved = details("K-3", new GeoPoint(41.3, 69.2), List.of("ali"));
        fixture.given(registered()).when(new ChangeClient(TENANT, "toshkent", "baraka", moved))
                .expectEvents(new ClientChanged("baraka", "toshkent", moved));
        fixture.given(registered()).when(new ChangeClient(TENANT, "samarqand", "baraka", moved))
                .expectNoEvents().expectException(refused("NOT_FOUND"));
        fixture.given(registered()).when(new AttachClientImage(TENANT, "toshkent", "baraka", "rasm", "storefront"))
                .expectEvents(new ClientImageAttached("baraka", "toshkent", "rasm", "storefront"));
        fixture.given(registered()).when(new AttachClientImage(TENANT, "toshkent", "baraka", "yoq", null))
                .expectNoEvents().expectExceptionMessage("is not an uploaded image");
    }

    @Test
    void archivingIsASoftDeleteAndRepeatsHarmlessly() {
        fixture.given(registered()).when(new ArchiveClient(TENANT, "toshkent", "baraka"))
                .expectEvents(new ClientArchived("baraka", "toshkent"));
        fixture.given(registered(), new ClientArchived("baraka", "toshkent")).when(new ArchiveClient(TENANT, "toshkent", "baraka"))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(registered(), new ClientArchived("baraka", "toshkent")).when(new RestoreClient(TENANT, "toshkent", "baraka"))
                .expectEvents(new ClientRestored("baraka", "toshkent"));
        fixture.given(registered()).when(new RestoreClient(TENANT, "toshkent", "baraka")).expectNoEvents();
    }

    @Test
    void aLocationIsLearnedOnlyWhileThereIsNone() {
        GeoPoint at = new GeoPoint(41.31, 69.28);
        fixture.given(registered(), new ClientLocationLearned("baraka", "toshkent", at, "v1"))
                .when(new RestoreClient(TENANT, "toshkent", "baraka"))
                .expectNoEvents()
                .expectState(c -> org.assertj.core.api.Assertions.assertThat(c.facts().location()).isEqualTo(at));
    }
}
