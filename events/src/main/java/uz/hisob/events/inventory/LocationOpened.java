package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

/** A warehouse or a shop where stock is kept, with the zone its business dates are in. */
@Revision("1")
public record LocationOpened(String tenant, String locationId, String name, String kind, String address, String timezone) {
}
