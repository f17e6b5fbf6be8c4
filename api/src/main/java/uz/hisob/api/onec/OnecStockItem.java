package uz.hisob.api.onec;

/** The quantity of a product in a 1C warehouse, in the product's unit (the WSDL's {@code Stock}). */
public record OnecStockItem(String productCode, String warehouseCode, String warehouseName, long quantity) {
}
