package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes what is given of a price list (null leaves it): its name, its tax rule; {@code makeDefault} true makes it the
 * default (false on the default is refused).
 */
public record UpdatePriceList(String tenant, String priceListId, String name, Boolean taxIncluded, Boolean makeDefault) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
