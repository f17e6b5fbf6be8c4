package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a price list; the tenant's first one is its default whatever {@code makeDefault} says. */
public record CreatePriceList(String tenant, String priceListId, String name, String currency, boolean taxIncluded, boolean makeDefault) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
