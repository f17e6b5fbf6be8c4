package uz.hisob.events.onec;

import org.axonframework.serialization.Revision;

/** A refused order is to be sent again ({@code PENDING}). */
@Revision("1")
public record OnecOrderResent(String tenant, String orderId) {
}
