package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A payment arrived after the order expired, and its stock was still there: reserved again, the order confirmed. */
@Revision("1")
public record OrderReReserved(String orderId, List<Allocation> allocations) {
}
