package uz.hisob.events.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a product is: its SKU and barcodes (each unique in the tenant), name, description, category, unit
 * ({@code pcs}, {@code g} or {@code ml}: quantities are whole numbers of it), tax rate in percent, free attributes
 * and its code in 1C.
 */
public record ProductDetails(String sku, String name, String description, String categoryId, String unit,
                             List<String> barcodes, BigDecimal taxRatePct, Map<String, String> attributes, String onecCode) {
}
