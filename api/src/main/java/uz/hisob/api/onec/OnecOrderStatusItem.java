package uz.hisob.api.onec;

import java.time.Instant;

/** 1C's status of an order Hisob posted (the WSDL's {@code OrderStatus}). */
public record OnecOrderStatusItem(String externalId, String number, String status, Instant changedAt) {
}
