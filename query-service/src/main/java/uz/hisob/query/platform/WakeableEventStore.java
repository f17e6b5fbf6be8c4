package uz.hisob.query.platform;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, whose poll of the event table can be woken from outside: in the command-service an
 * append wakes it (the commit happens in the same JVM); here the command side's notification does
 * ({@link EventArrivals}).
 */
public class WakeableEventStore extends EmbeddedEventStore {

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Reads the event table now if the store is waiting for events (what an append in this JVM would do). */
    public void wake() {
        afterCommit(List.of());
    }
}
