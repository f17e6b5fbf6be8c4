package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

/** The cart became the order {@code orderId}: it is closed. */
@Revision("1")
public record CartOrdered(String cartId, String orderId) {
}
