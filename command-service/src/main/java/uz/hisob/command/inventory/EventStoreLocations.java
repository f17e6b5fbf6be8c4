package uz.hisob.command.inventory;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import uz.hisob.api.inventory.StockLocations;

/** {@link Locations} from the event store: a location exists once its aggregate has an event. */
@Component
public class EventStoreLocations implements Locations {

    private final EventStore events;

    public EventStoreLocations(EventStore events) {
        this.events = events;
    }

    @Override
    public boolean exists(String tenant, String locationId) {
        return events.lastSequenceNumberFor(StockLocations.aggregateId(tenant, locationId)).isPresent();
    }
}
