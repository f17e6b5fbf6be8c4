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

import static org.assertj.core.api.Assertions.assertThat;
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

    /** The page import's unit of work: the client merges what 1C sent (a test-only command around the aggregate method). */
    record FromOnec(ClientDetails details, boolean deleted) {
    }

    static final class OnecImport {
        private final AggregateTestFixture<Client> fixture;
        private final InMemoryField field;
        Client.Merge merged;

        OnecImport(AggregateTestFixture<Client> fixture, InMemoryField field) {
            this.fixture = fixture;
            this.field = field;
        }

        @org.axonframework.commandhandling.CommandHandler
        void handle(FromOnec cmd) throws Exception {
            merged = fixture.getRepository().load(uz.hisob.api.field.FieldIds.client(TENANT, "baraka"))
                    .invoke(c -> c.mergeFromOnec(TENANT, cmd.details(), cmd.deleted(), field, field));
        }
    }

    @Test
    void whatOnecSendsReplacesWhatItOwnsKeepsWhatOnlyHisobHasAndAppendsNothingWhenTheSame() {
        OnecImport onec = new OnecImport(fixture, field);
        fixture.registerAnnotatedCommandHandler(onec);
        // 1C's own fields as Hisob has them, no location in 1C: nothing to append, the learned location stays
        ClientRegistered had = new ClientRegistered(TENANT, "baraka", "toshkent", new ClientDetails("Baraka do'koni", "Baraka MChJ",
                "301234567", "+998901112233", "Chilonzor 9", null, "K-1", "chakana", List.of("ali"), List.of("retail")));
        ClientLocationLearned learned = new ClientLocationLearned("baraka", "toshkent", new GeoPoint(41.3, 69.2), "v1");
        ClientDetails same = new ClientDetails("Baraka do'koni", "Baraka MChJ", "301234567", "+998901112233", "Chilonzor 9", null, "K-1",
                null, List.of("ali"), List.of());
        fixture.given(had, learned).when(new FromOnec(same, false)).expectNoEvents();
        assertThat(onec.merged).isEqualTo(Client.Merge.UNCHANGED);
        // a new name and phone in 1C: changed, with the tags, price list and learned location kept
        ClientDetails renamed = new ClientDetails("Baraka market", "Baraka MChJ", "301234567", "+998907778899", "Chilonzor 9", null, "K-1",
                null, List.of("ali"), List.of());
        fixture.given(had, learned).when(new FromOnec(renamed, false)).expectEvents(new ClientChanged("baraka", "toshkent",
                new ClientDetails("Baraka market", "Baraka MChJ", "301234567", "+998907778899", "Chilonzor 9", new GeoPoint(41.3, 69.2),
                        "K-1", "chakana", List.of("ali"), List.of("retail"))));
        assertThat(onec.merged).isEqualTo(Client.Merge.UPDATED);
        // deleted in 1C: archived, once
        fixture.given(had).when(new FromOnec(same, true)).expectEvents(new ClientArchived("baraka", "toshkent"));
        assertThat(onec.merged).isEqualTo(Client.Merge.ARCHIVED);
        fixture.given(had, new ClientArchived("baraka", "toshkent")).when(new FromOnec(same, true)).expectNoEvents();
        // 1C's rules are Hisob's: an agent not of the project is refused
        ClientDetails stranger = new ClientDetails("Baraka market", null, null, null, null, null, "K-1", null, List.of("vali"), List.of());
        fixture.given(had).when(new FromOnec(stranger, false)).expectNoEvents().expectExceptionMessage("vali is not an agent of the project");
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
