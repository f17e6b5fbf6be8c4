package uz.hisob.command.sales;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.sales.ConfigureSales;
import uz.hisob.command.inventory.Locations;
import uz.hisob.events.sales.SalesSettingsChanged;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's order settings: how long an unpaid order holds its stock (15 minutes until set) and the warehouses'
 * priority for orders without a location. One small aggregate per tenant, read by the placement of every order.
 */
@Aggregate
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class SalesSettings {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    static final Duration MIN_TTL = Duration.ofSeconds(5);
    static final Duration MAX_TTL = Duration.ofDays(7);

    @AggregateIdentifier
    private String id;
    private Duration reservationTtl = DEFAULT_TTL;
    private List<String> warehousePriority = List.of();

    protected SalesSettings() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureSales cmd, Locations locations) {
        Duration ttl = cmd.reservationTtl() == null ? reservationTtl : cmd.reservationTtl();
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw CommandRefused.invalid("reservationTtl", "must be from PT5S to P7D");
        }
        List<String> priority = cmd.warehousePriority() == null ? warehousePriority : List.copyOf(cmd.warehousePriority());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < priority.size(); i++) {
            String field = "warehousePriority[" + i + "]";
            if (!seen.add(priority.get(i))) {
                throw CommandRefused.invalid(field, "is listed twice");
            }
            if (!locations.exists(cmd.tenant(), priority.get(i))) {
                throw CommandRefused.invalid(field, "no such location");
            }
        }
        if (id == null || !ttl.equals(reservationTtl) || !priority.equals(warehousePriority)) {
            apply(new SalesSettingsChanged(cmd.tenant(), ttl, priority));
        }
    }

    /** What placing an order needs of the settings. */
    public record View(Duration reservationTtl, List<String> warehousePriority) {
        public static final View DEFAULTS = new View(DEFAULT_TTL, List.of());
    }

    public View view() {
        return new View(reservationTtl, warehousePriority);
    }

    @EventSourcingHandler
    void on(SalesSettingsChanged e) {
        id = uz.hisob.api.sales.Orders.settingsId(e.tenant());
        reservationTtl = e.reservationTtl();
        warehousePriority = List.copyOf(e.warehousePriority());
    }
}
