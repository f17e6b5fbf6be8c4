package uz.hisob.events.sales;

/**
 * Units of a product reserved for an order at one location, under the reservation {@code reservationId} of that
 * location.
 */
public record Allocation(String locationId, String reservationId, String productId, long quantity) {
}
