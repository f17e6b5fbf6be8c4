package uz.hisob.events.catalog;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * New versions of prices in a list: each line a product's price from {@code validFrom} on. A price is never
 * overwritten; what was valid at an instant is the version with the latest {@code validFrom} not after it (of two
 * with the same {@code validFrom}, the one set later).
 */
@Revision("1")
public record PricesSet(String priceListId, String currency, List<Price> prices) {

    /** One product's new price, in the list's currency at its minor-unit scale. */
    public record Price(String productId, BigDecimal price, Instant validFrom) {
    }
}
