package uz.hisob.api.onec;

import java.util.List;

/** A client as 1C sends it (the WSDL's {@code Client}). */
public record OnecClientItem(String code, String name, String legalName, String tin, String phone, String address, Double lat,
                             Double lon, List<String> agentCodes, String priceTypeCode, boolean deleted) {
}
