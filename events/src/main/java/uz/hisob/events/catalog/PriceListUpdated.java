package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

/** A price list renamed, or its tax rule changed (for prices set from now on); a null field did not change. */
@Revision("1")
public record PriceListUpdated(String priceListId, String name, Boolean taxIncluded) {
}
