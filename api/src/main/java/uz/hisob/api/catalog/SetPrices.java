package uz.hisob.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets new versions of prices in a list (1 to 1 000 lines); none is overwritten. */
public record SetPrices(String tenant, String priceListId, List<PriceLine> prices) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Catalogues.aggregateId(tenant);
    }
}
