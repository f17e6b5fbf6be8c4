package uz.hisob.command.sales;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.sales.ConfigureSales;
import uz.hisob.command.inventory.Locations;
import uz.hisob.events.sales.SalesSettingsChanged;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of the tenant's order settings. */
class SalesSettingsTest {

    static final String TENANT = "demo";
    AggregateTestFixture<SalesSettings> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SalesSettings.class);
        fixture.registerInjectableResource((Locations) (tenant, id) -> TENANT.equals(tenant) && Set.of("a", "b").contains(id));
    }

    @Test
    void settingsAreReplacedWholeAndWhatIsLeftOutStays() {
        fixture.givenNoPriorActivity().when(new ConfigureSales(TENANT, Duration.ofMinutes(30), List.of("b", "a")))
                .expectEvents(new SalesSettingsChanged(TENANT, Duration.ofMinutes(30), List.of("b", "a")));
        fixture.given(new SalesSettingsChanged(TENANT, Duration.ofMinutes(30), List.of("b", "a")))
                .when(new ConfigureSales(TENANT, Duration.ofSeconds(5), null))
                .expectEvents(new SalesSettingsChanged(TENANT, Duration.ofSeconds(5), List.of("b", "a")));
        // the same again changes nothing
        fixture.given(new SalesSettingsChanged(TENANT, Duration.ofMinutes(30), List.of("b", "a")))
                .when(new ConfigureSales(TENANT, null, List.of("b", "a"))).expectNoEvents();
        // the default until set: 15 minutes, no priority
        fixture.givenNoPriorActivity().when(new ConfigureSales(TENANT, null, null))
                .expectEvents(new SalesSettingsChanged(TENANT, SalesSettings.DEFAULT_TTL, List.of()));
    }

    @Test
    void aReservationTimeOutsideItsBoundsAndUnknownOrRepeatedWarehousesAreRefused() {
        fixture.givenNoPriorActivity().when(new ConfigureSales(TENANT, Duration.ofSeconds(4), null))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        fixture.givenNoPriorActivity().when(new ConfigureSales(TENANT, Duration.ofDays(8), null))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        fixture.givenNoPriorActivity().when(new ConfigureSales(TENANT, null, List.of("a", "nowhere")))
                .expectNoEvents().expectExceptionMessage("no such location");
        fixture.givenNoPriorActivity().when(new ConfigureSales(TENANT, null, List.of("a", "a")))
                .expectNoEvents().expectExceptionMessage("is listed twice");
    }
}
