package uz.hisob.api.onec;

import java.math.BigDecimal;
import java.time.Instant;

/** A product's price of a 1C price type as 1C sends it (the WSDL's {@code Price}). */
public record OnecPriceItem(String productCode, String priceTypeCode, String priceTypeName, BigDecimal price, String currency,
                            Instant validFrom) {
}
