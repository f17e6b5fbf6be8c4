package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

/** A customer's cart (a phone order's, when staff made it for the customer): priced from {@code priceListId} (null: the default). */
@Revision("1")
public record CartCreated(String tenant, String cartId, String customerId, String priceListId, String locationId) {
}
