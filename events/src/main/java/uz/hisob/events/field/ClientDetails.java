package uz.hisob.events.field;

import java.util.List;

/**
 * A client (outlet) as a manager describes it. {@code location} may be null (learned at a check-in);
 * {@code agentIds} empty means every agent of the project may visit it.
 */
public record ClientDetails(String name, String legalName, String tin, String phone, String address, GeoPoint location,
                            String onecCode, String priceListId, List<String> agentIds, List<String> tags) {
}
