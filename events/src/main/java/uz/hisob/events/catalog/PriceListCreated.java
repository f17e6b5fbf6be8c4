package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A price list in one currency; its prices include tax or not. */
@Revision("1")
public record PriceListCreated(String priceListId, String name, String currency, boolean taxIncluded) {
}
