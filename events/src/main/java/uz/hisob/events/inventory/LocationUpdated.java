package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

/** A location's name or address changed (its kind and zone do not: stock and dates were booked in them). */
@Revision("1")
public record LocationUpdated(String locationId, String name, String address) {
}
