package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames a price list or changes its tax rule; {@code makeDefault} true makes it the default (false on the default is refused, null leaves it). */
public record UpdatePriceList(String tenant, String priceListId, String name, boolean taxIncluded, Boolean makeDefault) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
