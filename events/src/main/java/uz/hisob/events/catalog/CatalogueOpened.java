package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** The tenant's catalogue exists: recorded before its first category, product or price list. */
@Revision("1")
public record CatalogueOpened(String tenant) {
}
