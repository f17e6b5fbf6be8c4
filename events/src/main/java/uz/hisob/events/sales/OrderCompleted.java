package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

/** The customer has the goods; the order is done. */
@Revision("1")
public record OrderCompleted(String orderId) {
}
