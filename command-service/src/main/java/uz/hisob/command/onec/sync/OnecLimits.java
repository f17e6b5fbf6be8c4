package uz.hisob.command.onec.sync;

import uz.hisob.api.onec.OnecClientItem;
import uz.hisob.api.onec.OnecPriceItem;
import uz.hisob.api.onec.OnecProductItem;
import uz.hisob.api.onec.OnecStockItem;

/**
 * What the API's own requests are held to, for what 1C sends (the contract's limits, which the read models are built
 * for): an item past them is counted as failed with the reason, rather than accepted and then stopping a projection.
 */
final class OnecLimits {

    private OnecLimits() {
    }

    /** Why the client cannot be taken, or null. */
    static String client(OnecClientItem c) {
        String why = text("code", c.code(), 64, true);
        why = why != null ? why : text("name", c.name(), 200, true);
        why = why != null ? why : text("legalName", c.legalName(), 200, false);
        why = why != null ? why : text("tin", c.tin(), 32, false);
        why = why != null ? why : text("phone", c.phone(), 32, false);
        why = why != null ? why : text("address", c.address(), 500, false);
        if (why == null && c.lat() != null && (c.lat() < -90 || c.lat() > 90 || c.lat().isNaN())) {
            why = "lat must be -90 to 90";
        }
        if (why == null && c.lon() != null && (c.lon() < -180 || c.lon() > 180 || c.lon().isNaN())) {
            why = "lon must be -180 to 180";
        }
        return why;
    }

    static String product(OnecProductItem p) {
        String why = text("code", p.code(), 64, true);
        why = why != null ? why : text("name", p.name(), 200, true);
        why = why != null ? why : text("article", p.article(), 64, false);
        why = why != null ? why : text("categoryName", p.categoryName(), 200, false);
        for (String barcode : p.barcodes()) {
            why = why != null ? why : text("barcode", barcode, 64, true);
        }
        return why;
    }

    static String price(OnecPriceItem p) {
        String why = text("productCode", p.productCode(), 64, true);
        why = why != null ? why : text("priceTypeCode", p.priceTypeCode(), 200, true);
        return why != null ? why : text("priceTypeName", p.priceTypeName(), 200, true);
    }

    static String stock(OnecStockItem s) {
        String why = text("productCode", s.productCode(), 64, true);
        why = why != null ? why : text("warehouseCode", s.warehouseCode(), 200, true);
        return why != null ? why : text("warehouseName", s.warehouseName(), 200, true);
    }

    private static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? field + " is required" : null;
        }
        return value.length() > max ? field + " is longer than " + max + " characters" : null;
    }
}
