package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The goods left: every reservation of the order ({@code allocations}) is taken from {@code onHand}. */
@Revision("1")
public record OrderFulfilled(String orderId, List<Allocation> allocations) {
}
