package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** The tenant's default price list is now this one ({@code previousId} the one it replaces, or null). */
@Revision("1")
public record DefaultPriceListChosen(String priceListId, String previousId) {
}
