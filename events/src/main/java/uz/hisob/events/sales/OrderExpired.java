package uz.hisob.events.sales;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Unpaid when {@code reservedUntil} passed: the reservations {@code released} are given back to the stock. */
@Revision("1")
public record OrderExpired(String orderId, List<Allocation> released) {
}
