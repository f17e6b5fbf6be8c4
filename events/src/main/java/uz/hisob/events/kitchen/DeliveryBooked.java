package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Grams of an ingredient received on a business date (the start of that day in the kitchen's zone). */
@Revision("1")
public record DeliveryBooked(String kitchenId, String deliveryId, String ingredientId, long grams,
                             LocalDate deliveredOn, String supplier, String note) {
}
