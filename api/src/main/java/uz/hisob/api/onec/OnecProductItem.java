package uz.hisob.api.onec;

import java.util.List;

/** A product as 1C sends it (the WSDL's {@code Product}): {@code unit} is {@code pcs}, {@code g} or {@code ml}. */
public record OnecProductItem(String code, String name, String article, String unit, String categoryCode, String categoryName,
                              List<String> barcodes, boolean deleted) {
}
