package uz.hisob.api.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** A product's new price in a list, valid from {@code validFrom} (now when null). */
public record PriceLine(String productId, BigDecimal price, Instant validFrom) {
}
